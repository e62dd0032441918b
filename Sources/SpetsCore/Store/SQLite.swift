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
            throw Diagnostic(message: "cannot open workspace \(path): \(msg)")
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 2000)
    }

    deinit { sqlite3_close_v2(handle) }

    public var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    public func exec(_ sql: String) throws(Diagnostic) {
        var err: UnsafeMutablePointer<CChar>? = nil
        if sqlite3_exec(handle, sql, nil, nil, &err) != SQLITE_OK {
            let m = err.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(err)
            throw Diagnostic(message: "workspace: \(m)")
        }
    }

    public func prepare(_ sql: String) throws(Diagnostic) -> SQLiteStatement {
        var st: OpaquePointer? = nil
        if sqlite3_prepare_v2(handle, sql, -1, &st, nil) != SQLITE_OK || st == nil {
            let off = Int(sqlite3_error_offset(handle))
            throw Diagnostic(message: errorMessage, span: off >= 0 ? off..<(off + 1) : nil)
        }
        return SQLiteStatement(st!, db: self)
    }

    /// Runs `body` in one transaction: all of it is committed, or none.
    public func transaction<T>(_ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        try exec("BEGIN IMMEDIATE")
        do {
            let v = try body()
            try exec("COMMIT")
            return v
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    /// Reads a whole blob straight into an array (one copy, no intermediate buffer): how
    /// measure and code columns come back when a workspace is reopened. `table` and
    /// `column` are spets' own constants, never user text.
    public func readBlob<T>(table: StaticString, column: StaticString, rowid: Int, as: T.Type) throws(Diagnostic) -> [T] {
        var blob: OpaquePointer? = nil
        let rc = table.withUTF8Buffer { t in column.withUTF8Buffer { c in
            sqlite3_blob_open(handle, "main", String(decoding: t, as: UTF8.self), String(decoding: c, as: UTF8.self),
                              sqlite3_int64(rowid), 0, &blob)
        } }
        guard rc == SQLITE_OK, let blob else { throw Diagnostic(message: "workspace: \(errorMessage)") }
        defer { sqlite3_blob_close(blob) }
        let bytes = Int(sqlite3_blob_bytes(blob))
        let count = bytes / MemoryLayout<T>.stride
        var failed = false
        let out = [T](unsafeUninitializedCapacity: count) { buf, initialized in
            if count > 0 { failed = sqlite3_blob_read(blob, buf.baseAddress, Int32(count * MemoryLayout<T>.stride), 0) != SQLITE_OK }
            initialized = failed ? 0 : count
        }
        if failed { throw Diagnostic(message: "workspace: \(errorMessage)") }
        return out
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
    public func bind(_ i: Int32, _ v: Double) -> SQLiteStatement { sqlite3_bind_double(stmt, i, v); return self }
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
        throw Diagnostic(message: db.errorMessage)
    }

    public func run() throws(Diagnostic) {
        while try step() {}
        sqlite3_reset(stmt)
    }

    public func reset() { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }

    public var columnCount: Int32 { sqlite3_column_count(stmt) }
    public func columnName(_ i: Int32) -> String { String(cString: sqlite3_column_name(stmt, i)) }
    public func type(_ i: Int32) -> Int32 { sqlite3_column_type(stmt, i) }
    public func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(stmt, i)) }
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
