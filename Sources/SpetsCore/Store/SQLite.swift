// SQLite.swift — SQLite's C API wrapped once: a connection and prepared statements that own
// their pointers. Values are always bound, never spliced into SQL text.
import CSQLite
import CSpetsSupport

let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

public final class SQLiteDB {
    public let handle: OpaquePointer
    public let path: String

    public init(path: String, readOnly: Bool = false) throws(Diagnostic) {
        var db: OpaquePointer? = nil
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close(db) }
            throw Diagnostic(.cannotOpenWorkspace, path, msg)
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 2000)
    }

    private var closed = false
    deinit { if !closed { sqlite3_close_v2(handle) } }

    /// Closes now (the last connection to a WAL database removes its -wal and -shm files).
    public func close() {
        guard !closed else { return }
        closed = true
        sqlite3_close_v2(handle)
    }

    public var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The error of the last call, with what it means for the statement when the disk
    /// failed (full, a file-size limit, a read-only or vanished file).
    func failure(_ message: String) -> Diagnostic {
        let code = sqlite3_errcode(handle) & 0xff
        if code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_READONLY || code == SQLITE_CANTOPEN {
            return Diagnostic(.workspaceFileCouldWrittenDisk, path, message)
        }
        return Diagnostic(.workspace, message)
    }

    public func exec(_ sql: String) throws(Diagnostic) {
        var err: UnsafeMutablePointer<CChar>? = nil
        if sqlite3_exec(handle, sql, nil, nil, &err) != SQLITE_OK {
            let m = err.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(err)
            throw failure(m)
        }
    }

    /// `single`: text after the first statement (other than spaces and `;`) is an error,
    /// not silently ignored.
    public func prepare(_ sql: String, single: Bool = false) throws(Diagnostic) -> SQLiteStatement {
        var st: OpaquePointer? = nil
        let bytes = Array(sql.utf8) + [0]
        var tailOffset = bytes.count - 1
        let rc = bytes.withUnsafeBufferPointer { b -> Int32 in
            var tail: UnsafePointer<CChar>? = nil
            let r = b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                let r = sqlite3_prepare_v2(handle, p, Int32(b.count - 1), &st, &tail)
                if let tail { tailOffset = p.distance(to: tail) }
                return r
            }
            return r
        }
        if rc != SQLITE_OK || st == nil {
            let off = Int(sqlite3_error_offset(handle))
            if let st { sqlite3_finalize(st) }
            throw Diagnostic(message: st == nil && rc == SQLITE_OK ? "the query is empty" : errorMessage, span: off >= 0 ? off..<(off + 1) : nil)
        }
        let statement = SQLiteStatement(st!, db: self)
        if single, let extra = bytes[tailOffset..<(bytes.count - 1)].firstIndex(where: { !($0 == 59 || $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9) }) {
            throw Diagnostic(.sqlRunsOneStatementText, span: extra..<(extra + 1),
                             help: "run each query as its own  sql \"…\"")
        }
        return statement
    }

    /// Turns on defensive mode and turns off FTS3 tokenizer registration, extension loading
    /// and trust in the schema (functions called from views and triggers).
    public func harden() { spets_sql_harden(handle) }

    /// Runs `body` with only reading allowed (SQLite's authorizer) and a deadline; the
    /// authorizer is removed afterwards, so spets' own statements are unaffected.
    public func readOnly<T>(seconds: Double, _ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        spets_sql_readonly(handle, 1, seconds)
        defer { spets_sql_readonly(handle, 0, 0) }
        return try body()
    }

    /// Runs `body` in one transaction: all of it is committed, or none. Inside another
    /// transaction it is a savepoint of it (so a statement's writes nest in its own).
    /// `deferred`: for a read-only connection's temporary tables (IMMEDIATE would ask for
    /// the write lock on the workspace itself).
    public func transaction<T>(deferred: Bool = false, _ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        let nested = sqlite3_get_autocommit(handle) == 0
        try exec(nested ? "SAVEPOINT spets" : deferred ? "BEGIN" : "BEGIN IMMEDIATE")
        do {
            let v = try body()
            try exec(nested ? "RELEASE spets" : "COMMIT")
            return v
        } catch {
            if nested { try? exec("ROLLBACK TO spets"); try? exec("RELEASE spets") }
            else if sqlite3_get_autocommit(handle) == 0 { try? exec("ROLLBACK") }
            throw error
        }
    }

    /// Reads a whole blob straight into an array (one copy, no intermediate buffer): how
    /// code columns come back when a workspace is reopened. `table` and `column` are spets'
    /// own constants, never user text.
    public func readBlob<T: BitwiseCopyable>(table: StaticString, column: StaticString, rowid: Int, as: T.Type) throws(Diagnostic) -> [T] {
        try Self.read([(try openBlob(table: table, column: column, rowid: rowid), self)], as: T.self)
    }

    /// One blob, opened on one or two connections, read into a fresh array: with two, each
    /// reads its half at once on its own thread (each half faults in its own new pages).
    static func read<T: BitwiseCopyable>(_ handles: [(blob: SQLiteBlob, db: SQLiteDB)], as: T.Type) throws(Diagnostic) -> [T] {
        let stride = MemoryLayout<T>.stride, count = handles[0].blob.bytes / stride
        let half = handles.count > 1 ? count / 2 : count
        var ok0 = true, ok1 = true
        let out = [T](unsafeUninitializedCapacity: count) { buf, initialized in
            if count > 0, let b = buf.baseAddress {
                let raw = UnsafeMutableRawPointer(b)
                // Huge pages for the column where they pay: faulting fresh arrays in 4 KB
                // pages was 30 % of a reopen (docs/performance.md).
                HugePages.advise(raw, count * stride)
                if half == count {   // one connection: no thread
                    ok0 = handles[0].blob.read(into: raw, bytes: count * stride, at: 0)
                } else {
                    Parallel.both({ ok0 = handles[0].blob.read(into: raw, bytes: half * stride, at: 0) },
                                  { ok1 = handles[1].blob.read(into: raw + half * stride, bytes: (count - half) * stride, at: half * stride) })
                }
            }
            initialized = ok0 && ok1 ? count : 0
        }
        guard ok0 && ok1 else { throw Diagnostic(.workspace, handles[ok0 ? 1 : 0].db.errorMessage) }
        return out
    }

    /// An open handle on one stored blob, for reading it in pieces.
    public func openBlob(table: StaticString, column: StaticString, rowid: Int) throws(Diagnostic) -> SQLiteBlob {
        var blob: OpaquePointer? = nil
        let rc = table.withUTF8Buffer { t in column.withUTF8Buffer { c in
            sqlite3_blob_open(handle, "main", String(decoding: t, as: UTF8.self), String(decoding: c, as: UTF8.self),
                              sqlite3_int64(rowid), 0, &blob)
        } }
        guard rc == SQLITE_OK, let blob else { throw Diagnostic(.workspace, errorMessage) }
        return SQLiteBlob(blob)
    }

    /// Lets Ctrl-C interrupt statements running on this connection.
    public func makeInterruptible() { spets_set_interrupt_db(handle) }
}

public final class SQLiteStatement {
    let stmt: OpaquePointer
    unowned let db: SQLiteDB
    init(_ s: OpaquePointer, db: SQLiteDB) { stmt = s; self.db = db }
    deinit { sqlite3_finalize(stmt) }

    @discardableResult
    public func bind(_ i: Int32, _ v: String?) -> SQLiteStatement {
        if let v { sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT) } else { sqlite3_bind_null(stmt, i) }
        return self
    }
    @discardableResult
    public func bind(_ i: Int32, _ v: Int) -> SQLiteStatement { sqlite3_bind_int64(stmt, i, Int64(v)); return self }
    @discardableResult
    public func bind(_ i: Int32, _ v: Int?) -> SQLiteStatement {
        if let v { sqlite3_bind_int64(stmt, i, Int64(v)) } else { sqlite3_bind_null(stmt, i) }
        return self
    }
    @discardableResult
    public func bind(_ i: Int32, _ v: Double) -> SQLiteStatement { sqlite3_bind_double(stmt, i, v); return self }
    /// A code column's stored words (two or four bytes a row).
    @discardableResult
    public func bind(_ i: Int32, codes: CodeColumn) -> SQLiteStatement {
        codes.withBytes { b, _ in _ = sqlite3_bind_blob64(stmt, i, b.baseAddress, sqlite3_uint64(b.count), SQLITE_TRANSIENT) }
        return self
    }
    @discardableResult
    public func bind<T>(_ i: Int32, blob v: [T]) -> SQLiteStatement {
        v.withUnsafeBytes { b in _ = sqlite3_bind_blob64(stmt, i, b.baseAddress, sqlite3_uint64(b.count), SQLITE_TRANSIENT) }
        return self
    }

    /// Steps once: true when a row is ready, false when done.
    public func step() throws(Diagnostic) -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        if rc == SQLITE_INTERRUPT { throw Diagnostic.interrupted }
        let d = db.failure(db.errorMessage)
        throw d.message.hasPrefix("workspace: ") ? Diagnostic(message: db.errorMessage) : d
    }

    public func run() throws(Diagnostic) {
        while try step() {}
        sqlite3_reset(stmt)
    }

    public func reset() { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }

    public var columnCount: Int32 { sqlite3_column_count(stmt) }
    public func columnName(_ i: Int32) -> String { String(cString: sqlite3_column_name(stmt, i)) }
    public func type(_ i: Int32) -> Int32 { sqlite3_column_type(stmt, i) }
    public func bytes(_ i: Int32) -> Int32 { sqlite3_column_bytes(stmt, i) }
    public func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(stmt, i)) }
    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    public func double(_ i: Int32) -> Double { sqlite3_column_double(stmt, i) }
    public func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, i) else { return nil }
        return String(cString: p)
    }
    public func blob<T>(_ i: Int32, as: T.Type) -> [T] {
        let n = Int(sqlite3_column_bytes(stmt, i))
        guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return [] }
        let count = n / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buf, initialized in
            UnsafeMutableRawPointer(buf.baseAddress!).copyMemory(from: p, byteCount: count * MemoryLayout<T>.stride)
            initialized = count
        }
    }
    public var isReadOnly: Bool { sqlite3_stmt_readonly(stmt) != 0 }
}

/// A blob opened for reading; closed when released.
public final class SQLiteBlob {
    private let handle: OpaquePointer
    public let bytes: Int
    init(_ h: OpaquePointer) { handle = h; bytes = Int(sqlite3_blob_bytes(h)) }
    deinit { sqlite3_blob_close(handle) }
    /// `bytes` bytes from offset `at` into `into`; false when SQLite could not read them.
    public func read(into: UnsafeMutableRawPointer, bytes n: Int, at: Int) -> Bool {
        n == 0 || sqlite3_blob_read(handle, into, Int32(n), Int32(at)) == SQLITE_OK
    }
}
