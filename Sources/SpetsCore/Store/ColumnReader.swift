// ColumnReader.swift — a large dataset's columns read back from a workspace file: each blob
// in two halves at once, on two read-only connections (each half faults in its own fresh
// pages, which is most of a reopen's time), and measures deferred until first use.
import Glibc
import Synchronization

final class ColumnReader: @unchecked Sendable {
    private let connections: [SQLiteDB]
    /// One read at a time: the connections are shared by every deferred column of the file.
    private let lock = Mutex<Bool>(false)   // true once closed

    init(path: String) throws(Diagnostic) {
        var c: [SQLiteDB] = []
        for _ in 0..<max(1, min(2, Parallel.threads)) {
            let db = try SQLiteDB(path: path, readOnly: true)
            try db.exec("PRAGMA mmap_size=4294967296")
            c.append(db)
        }
        connections = c
    }

    /// Ends the reads (the session's end: the last connection to a WAL file removes its
    /// -wal and -shm files). A deferred column read after this fails.
    func close() {
        lock.withLock { closed in
            closed = true
            for c in connections { c.close() }
        }
    }

    /// The stored size of a column in bytes.
    func bytes(table: StaticString, column: StaticString, rowid: Int) throws(Diagnostic) -> Int {
        try lock.withLock { (closed) throws(Diagnostic) -> Int in
            guard !closed else { throw Diagnostic(.workspaceClosedBeforeRead) }
            return try connections[0].openBlob(table: table, column: column, rowid: rowid).bytes
        }
    }

    /// A whole column, its halves read on two connections at once when there are two.
    func read<T: BitwiseCopyable>(table: StaticString, column: StaticString, rowid: Int, as: T.Type) throws(Diagnostic) -> [T] {
        try lock.withLock { (closed) throws(Diagnostic) -> [T] in
            guard !closed else { throw Diagnostic(.workspaceClosedBeforeRead) }
            var handles: [(blob: SQLiteBlob, db: SQLiteDB)] = []
            for c in connections { handles.append((try c.openBlob(table: table, column: column, rowid: rowid), c)) }
            return try SQLiteDB.read(handles, as: T.self)
        }
    }
}
