// Workspace.swift — the SQLite workspace: datasets stored compactly (one blob per column),
// definitions, and the journal of successful statements. In memory unless opened on a file.
import Glibc
import CSpetsSupport

public final class Workspace {
    /// Appended to a dimension's stored role when it is summable (kept in the role column so
    /// workspaces written before the flag existed read unchanged).
    static let summableMark = "+sum"
    static let totalMark = "+total="
    public let path: String?
    /// The database; an in-memory session opens it on first use (a `spets -c` that never
    /// stores anything skips SQLite's open and schema: a quarter of the start-up time).
    public var db: SQLiteDB {
        get throws(Diagnostic) {
            if let opened { return opened }
            let d = try Self.openDatabase(path: nil)
            opened = d
            let pending = pendingJournal
            pendingJournal = []
            for s in pending { try appendJournal(s) }
            return d
        }
    }
    private var opened: SQLiteDB?
    /// Statements journaled in memory before the database was needed; written when it opens.
    private var pendingJournal: [String] = []
    public var isPersistent: Bool { path != nil }
    /// Bumped whenever datasets change, so derived SQL tables know to refresh.
    public private(set) var generation = 0
    private var observationsGeneration = -1

    /// 2: a code column's blob holds Int16 or Int32 codes, told apart by its size (CodeColumn.swift).
    /// 1: always Int32; still read, and raised to 2 by the first save of narrow columns.
    static let schemaVersion = "2"
    static let readableVersions: Set<String> = ["1", "2"]
    static let schema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS datasets(name TEXT PRIMARY KEY, source TEXT NOT NULL, rows INTEGER NOT NULL,
            year_name TEXT NOT NULL, notes TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS dataset_dimensions(dataset TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL,
            name TEXT NOT NULL, labels BLOB, names BLOB, codes BLOB, PRIMARY KEY(dataset, position));
        CREATE TABLE IF NOT EXISTS dataset_measures(dataset TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
            unit TEXT, vals BLOB, prices TEXT, decimals INTEGER, PRIMARY KEY(dataset, position));
        CREATE TABLE IF NOT EXISTS dataset_years(dataset TEXT PRIMARY KEY, years BLOB, distinct_years BLOB, regions_with_rows BLOB);
        CREATE TABLE IF NOT EXISTS dataset_flags(dataset TEXT NOT NULL, position INTEGER NOT NULL, labels BLOB, codes BLOB,
            PRIMARY KEY(dataset, position));
        CREATE TABLE IF NOT EXISTS definitions(name TEXT PRIMARY KEY, kind TEXT NOT NULL, statement TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS journal(seq INTEGER PRIMARY KEY, statement TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS fetch_cache(url TEXT PRIMARY KEY, body BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS results(seq INTEGER PRIMARY KEY, body BLOB NOT NULL);
        """

    /// A file workspace is held by one session at a time: an exclusive flock on the database
    /// file itself, so it holds whatever name the file is opened by (a symlink, a second
    /// path); the kernel releases it when the process ends, so it is never stale. (flock and
    /// SQLite's own fcntl locks are independent on Linux.)
    private var lockFD: Int32 = -1
    /// SQLite's application_id for a spets workspace: "spet".
    static let applicationID: Int32 = 0x7370_6574

    public init(path: String?) throws(Diagnostic) {
        self.path = path
        guard let path else { return }
        let (fd, created) = try Self.lock(path)
        lockFD = fd
        do {
            if !created { try Self.checkIsWorkspace(path, fd: fd) }
            opened = try Self.openDatabase(path: path)
        } catch {
            close(lockFD)
            lockFD = -1
            // A file this open created and could not make a workspace of goes again.
            if created { unlink(path) }
            throw error
        }
    }

    /// Opens (creating when new) and checks the database behind a workspace.
    private static func openDatabase(path: String?) throws(Diagnostic) -> SQLiteDB {
        let db = try SQLiteDB(path: path ?? ":memory:")
        db.harden()
        if path != nil {
            // 64 KB pages (a new file only; an existing one keeps its own): a column blob is a
            // chain of overflow pages that a read walks page by page, and with 4 KB pages
            // walking the chain was a tenth of a reopen's time (docs/performance.md).
            try db.exec("PRAGMA page_size=65536")
            // The application id first, while the file is still in rollback mode: it is then
            // in the file's header itself, where the next open looks for it.
            try db.exec("PRAGMA application_id=\(Self.applicationID)")
            // WAL + FULL sync: a committed load survives a crash or power loss.
            // mmap: reopening reads column blobs from the mapped file.
            try db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA mmap_size=4294967296;")
        }
        do { try db.exec("BEGIN IMMEDIATE;" + Self.schema + "COMMIT;") } catch {
            try? db.exec("ROLLBACK")
            throw Diagnostic(.spetsWorkspace, path ?? "workspace", error.message)
        }
        try db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)").bind(1, Self.schemaVersion).run()
        // Workspaces written before measures had a price basis gain the column.
        let cols = try db.prepare("SELECT count(*) FROM pragma_table_info('dataset_measures') WHERE name = 'prices'")
        if try cols.step(), cols.int(0) == 0 { try db.exec("ALTER TABLE dataset_measures ADD COLUMN prices TEXT") }
        // … and before a measure could be kept as four-byte words (`decimals` not NULL).
        let dec = try db.prepare("SELECT count(*) FROM pragma_table_info('dataset_measures') WHERE name = 'decimals'")
        if try dec.step(), dec.int(0) == 0 { try db.exec("ALTER TABLE dataset_measures ADD COLUMN decimals INTEGER") }
        // … and before the years and regions present were kept (a reopen works them out).
        // Each column on its own, so a migration cut short between them is finished next time.
        for column in ["distinct_years", "regions_with_rows"] {
            let has = try db.prepare("SELECT count(*) FROM pragma_table_info('dataset_years') WHERE name = ?").bind(1, column)
            if try has.step(), has.int(0) == 0 { try db.exec("ALTER TABLE dataset_years ADD COLUMN \(column) BLOB") }
        }
        db.makeInterruptible()
        return db
    }

    deinit { if lockFD >= 0 { close(lockFD) } }

    /// Ends the session's hold on the file: the write-ahead log is checkpointed into the
    /// database and removed, so the file alone is the whole workspace (a `cp` of it is a
    /// copy), then the connections and the lock close. Called when spets exits.
    public func closeFile() {
        reader = nil
        columnReader?.close()
        columnReader = nil
        if let opened, path != nil {
            try? opened.exec("PRAGMA wal_checkpoint(TRUNCATE)")
            opened.close()
        }
        opened = nil
        if lockFD >= 0 { Glibc.close(lockFD); lockFD = -1 }
    }

    /// Refuses, before anything is written to it, a file that is not a spets workspace of
    /// this schema: not SQLite, another application's database, or a newer spets's. The
    /// header is read directly; a database without an application id (a workspace written
    /// before it was set, or someone else's) is looked into on a read-only connection.
    static func checkIsWorkspace(_ path: String, fd: Int32) throws(Diagnostic) {
        var header = [UInt8](repeating: 0, count: 100)
        let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 100, 0) }
        if n == 0 { return }   // empty: a new workspace
        let magic = Array("SQLite format 3".utf8) + [0]
        guard n == 100, Array(header[0..<16]) == magic else {
            throw Diagnostic(.spetsWorkspaceSqliteDatabaseWas, path,
                             help: "give a new file name to start a workspace, or load the file with  load \"\(path)\"")
        }
        let app = Int32(bitPattern: UInt32(header[68]) << 24 | UInt32(header[69]) << 16 | UInt32(header[70]) << 8 | UInt32(header[71]))
        if app != 0 && app != applicationID {
            throw Diagnostic(.sqliteDatabaseAnotherApplicationSpets, path)
        }
        // The schema version (and, without an id, whether it is spets' at all) on a read-only
        // connection; -wal/-shm files that this look creates are removed again.
        let sidecars = ["-wal", "-shm"].filter { access(path + $0, F_OK) != 0 }
        defer { for s in sidecars where access(path + s, F_OK) == 0 { unlink(path + s) } }
        var version: String? = nil
        var isSpets = false
        do {
            let ro = try SQLiteDB(path: path, readOnly: true)
            let st = try ro.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('meta','datasets','journal')")
            _ = try st.step()
            isSpets = st.int(0) == 3
            if isSpets {
                let v = try ro.prepare("SELECT value FROM meta WHERE key='schema_version'")
                if try v.step() { version = v.text(0) }
            }
        } catch {
            throw Diagnostic(.cannotReadWorkspaceWasChanged, path, error.message)
        }
        if app == 0 && !isSpets {
            throw Diagnostic(.sqliteDatabaseButSpetsWorkspace, path,
                             help: "spets opens only its own workspaces; query other databases with the sqlite3 tool")
        }
        if let version, !readableVersions.contains(version) {
            throw Diagnostic(.workspaceWasWrittenAnotherVersion, path, version)
        }
    }

    /// Takes the workspace's lock: the file itself is opened (created when absent) and
    /// flocked. A file with a second hard link is refused: SQLite names its write-ahead log
    /// after the path, so two names would mean two logs for one database.
    static func lock(_ path: String) throws(Diagnostic) -> (fd: Int32, created: Bool) {
        var fd = open(path, O_RDWR | O_CLOEXEC)
        var created = false
        if fd < 0 && errno == ENOENT {
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            created = fd >= 0
        }
        if fd < 0 { throw Diagnostic.io(path, errno) }
        var st = stat()
        if fstat(fd, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw Diagnostic(.regularFileSoCannotWorkspace, path)
        }
        if st.st_nlink > 1 {
            close(fd)
            throw Diagnostic(.workspaceHasHardLinksSpets, path, st.st_nlink,
                             help: "SQLite keeps the write-ahead log beside the name: copy the file (cp) instead of linking it")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = holderPID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            close(fd)
            throw Diagnostic(.workspaceUseProcess, path, holder.map(String.init) ?? "?",
                             help: "close the other spets session first, or open a copy of the file")
        }
        return (fd, created)
    }

    /// The process holding a flock on the file, from /proc/locks ("1: FLOCK ADVISORY WRITE
    /// PID MAJ:MIN:INODE 0 EOF"); nil when it cannot be told.
    static func holderPID(device: UInt64, inode: UInt64) -> Int? {
        guard let text = try? FileIO.readText("/proc/locks") else { return nil }
        let major = (device >> 8) & 0xfff | (device >> 32) & ~0xfff, minor = device & 0xff | (device >> 12) & ~0xff
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 6, f[1] == "FLOCK" else { continue }
            let id = f[5].split(separator: ":")
            guard id.count == 3, UInt64(id[2]) == inode, UInt64(id[0], radix: 16) == major, UInt64(id[1], radix: 16) == minor else { continue }
            return Int(f[4])
        }
        return nil
    }

    /// Runs `body` as one transaction (nested ones inside it become savepoints): committed
    /// before this returns, or rolled back entirely. An in-memory session whose database is
    /// not open yet has nothing durable to commit; its pending journal is trimmed back.
    public func atomically<T>(_ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        do throws(Diagnostic) {
            if let opened { return try opened.transaction(body) }
            let pending = pendingJournal.count
            do throws(Diagnostic) { return try body() } catch {
                if opened == nil && pendingJournal.count > pending { pendingJournal.removeSubrange(pending...) }
                throw error
            }
        } catch {
            observationsGeneration = -1   // a temporary table made inside it went with it
            generation += 1
            throw error
        }
    }

    private func nextSeq(_ table: String) throws(Diagnostic) -> Int {
        let st = try db.prepare(table == "journal" ? "SELECT coalesce(max(seq), 0) + 1 FROM journal"
                                : table == "datasets" ? "SELECT coalesce(max(seq), 0) + 1 FROM datasets"
                                : "SELECT coalesce(max(seq), 0) + 1 FROM definitions")
        _ = try st.step()
        return st.int(0)
    }

    // MARK: datasets

    static func joinStrings(_ s: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, x) in s.enumerated() { if i > 0 { out.append(0) }; out += x.utf8 }
        return out
    }

    static func splitStrings(_ b: [UInt8], count: Int) -> [String] {
        if count == 0 { return [] }
        return b.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Stores a dataset (replacing one of the same name). Metadata always; the columns only
    /// in a persistent workspace (an in-memory session keeps them in the Cube alone).
    public func save(_ cube: Cube) throws(Diagnostic) {
        settle(cube.name)
        try db.transaction { () throws(Diagnostic) in
            try dropRows(cube.name)
            // A result bound to this name before is replaced by the dataset, on reopen too.
            try supersede(cube.name)
            try db.prepare("INSERT INTO datasets(name, source, rows, year_name, notes, seq) VALUES (?,?,?,?,?,?)")
                .bind(1, cube.name).bind(2, cube.source).bind(3, cube.count).bind(4, cube.yearName)
                .bind(5, cube.notes.joined(separator: "\n")).bind(6, try nextSeq("datasets")).run()
            guard isPersistent else { return }
            // Narrow columns make the file one an older spets must not read.
            try db.exec("UPDATE meta SET value = '\(Self.schemaVersion)' WHERE key = 'schema_version' AND value = '1'")
            let dim = try db.prepare("INSERT INTO dataset_dimensions(dataset, position, role, name, labels, names, codes) VALUES (?,?,?,?,?,?,?)")
            var dims: [(Dimension, CodeColumn)] = [(cube.region, cube.regionCodes)]
            if let i = cube.industry { dims.append((i, cube.industryCodes)) }
            for (k, e) in cube.extras.enumerated() { dims.append((e, cube.extraCodes[k])) }
            for (pos, (d, codes)) in dims.enumerated() {
                dim.reset()
                try dim.bind(1, cube.name).bind(2, pos).bind(3, d.role.rawValue + (d.summable ? Self.summableMark : "") + (d.total.map { Self.totalMark + String($0) } ?? "")).bind(4, d.name)
                    .bind(5, blob: Self.joinStrings(d.labels)).bind(6, blob: Self.joinStrings(d.names.map { $0 ?? "" }))
                    .bind(7, codes: codes).run()
            }
            let ms = try db.prepare("INSERT INTO dataset_measures(dataset, position, name, unit, vals, prices, decimals) VALUES (?,?,?,?,?,?,?)")
            for (pos, m) in cube.measures.enumerated() {
                ms.reset()
                ms.bind(1, cube.name).bind(2, pos).bind(3, m.name).bind(4, m.unit).bind(6, m.prices)
                // A scaled measure as its words (never made doubles to be stored).
                if let s = m.scaled { ms.bind(5, blob: s.words).bind(7, s.decimals) } else { ms.bind(5, blob: m.values).bind(7, Int?.none) }
                try ms.run()
            }
            // Per-cell flags, for the measures that have them (a table of their own, so a
            // workspace written before flags were kept opens unchanged).
            let fl = try db.prepare("INSERT INTO dataset_flags(dataset, position, labels, codes) VALUES (?,?,?,?)")
            for (pos, m) in cube.measures.enumerated() {
                guard let f = m.flags else { continue }
                fl.reset()
                try fl.bind(1, cube.name).bind(2, pos).bind(3, blob: Self.joinStrings(f.labels)).bind(4, blob: f.codes).run()
            }
            // The years and regions present, so that a reopen need not pass over the rows.
            let summary = cube.rowSummary
            try db.prepare("INSERT INTO dataset_years(dataset, years, distinct_years, regions_with_rows) VALUES (?,?,?,?)")
                .bind(1, cube.name).bind(2, codes: cube.years).bind(3, blob: summary.years.map { Int32($0) })
                .bind(4, blob: summary.regions.map { UInt8($0 ? 1 : 0) }).run()
        }
        generation += 1
    }

    private func dropRows(_ name: String) throws(Diagnostic) {
        for t in ["datasets", "dataset_dimensions", "dataset_measures", "dataset_years", "dataset_flags"] {
            let col = t == "datasets" ? "name" : "dataset"
            try db.prepare("DELETE FROM \(t) WHERE \(col) = ?").bind(1, name).run()
        }
    }

    public func drop(_ name: String) throws(Diagnostic) {
        settle(name)
        try db.transaction { () throws(Diagnostic) in try dropRows(name) }
        generation += 1
    }

    /// Rows from which a reopen reads a dataset's columns in halves on two connections and
    /// defers its measures until a statement reads them (L, 12 M rows: an LQ copies 240 of
    /// the 336 MB; docs/performance.md).
    nonisolated(unsafe) static var parallelReopenRows = 1_000_000
    /// The large datasets' reads, shared by their deferred measures; closed with the file.
    private var columnReader: ColumnReader?
    private struct Pending { weak var column: (any Settles)? }
    /// Per dataset, its measures not read yet: read before its rows are replaced or dropped,
    /// so that a deferred read never meets the rows of another dataset.
    private var pending: [String: [Pending]] = [:]

    /// Reads whatever of dataset `name` is still deferred (before its stored rows change).
    func settle(_ name: String) {
        for p in pending.removeValue(forKey: name) ?? [] { p.column?.settle() }
    }

    /// Reads everything still deferred: before the session leaves this workspace for another
    /// (`open`), whose file then closes while its datasets live on in the session.
    public func settleAll() {
        for name in pending.keys.sorted() { settle(name) }
    }

    /// Every stored dataset, in the order they were loaded.
    public func loadAll() throws(Diagnostic) -> [Cube] {
        guard isPersistent else { return [] }
        var out: [Cube] = []
        // Schema 1 wrote four-byte codes only: a two-byte column there is damage, not data.
        let version = try db.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        let narrowAllowed = try version.step() ? version.text(0) != "1" : true
        let ds = try db.prepare("SELECT name, source, year_name, notes, rows FROM datasets ORDER BY seq")
        let dims = try db.prepare("SELECT role, name, labels, names, rowid FROM dataset_dimensions WHERE dataset = ? ORDER BY position")
        let ms = try db.prepare("SELECT name, unit, rowid, prices, decimals FROM dataset_measures WHERE dataset = ? ORDER BY position")
        let ys = try db.prepare("SELECT rowid, distinct_years, regions_with_rows FROM dataset_years WHERE dataset = ?")
        let fl = try db.prepare("SELECT position, labels, rowid FROM dataset_flags WHERE dataset = ?")
        while try ds.step() {
            let name = ds.text(0)!
            // What the dataset holds, then its columns (the bulk).
            var dimensions: [(Dimension, rowid: Int)] = []
            dims.reset(); dims.bind(1, name)
            while try dims.step() {
                let labels = Self.splitStrings(dims.blob(2, as: UInt8.self), count: 1)
                let names = Self.splitStrings(dims.blob(3, as: UInt8.self), count: labels.count).map { $0.isEmpty ? nil : $0 }
                // `extra`, `extra+sum`, `extra+total=2`: flags ride in the role column.
                let roleParts = (dims.text(0) ?? "").split(separator: "+").map(String.init)
                let summable = roleParts.contains(String(Self.summableMark.dropFirst()))
                let total = roleParts.first { $0.hasPrefix(String(Self.totalMark.dropFirst())) }.flatMap { Int32($0.dropFirst(Self.totalMark.count - 1)) }
                let role = Dimension.Role(rawValue: roleParts.first ?? "") ?? .extra
                dimensions.append((Dimension(name: dims.text(1) ?? "", role: role, labels: labels,
                                             names: names.count == labels.count ? names : nil, summable: summable, total: total), dims.int(4)))
            }
            var measureRows: [(name: String, unit: String?, rowid: Int, prices: String?, decimals: Int?)] = []
            ms.reset(); ms.bind(1, name)
            while try ms.step() {
                let d = ms.isNull(4) ? nil : ms.int(4)
                if let d, !(0...ScaledValues.maxDecimals).contains(d) { throw Diagnostic(.workspaceMeasureStorageUnknown, name, ms.text(0) ?? "", d) }
                measureRows.append((ms.text(0)!, ms.text(1), ms.int(2), ms.text(3), d))
            }
            ys.reset(); ys.bind(1, name)
            let yearsRow = try ys.step() ? ys.int(0) : nil
            let keptYears = yearsRow == nil ? [] : ys.blob(1, as: UInt8.self), keptRegions = yearsRow == nil ? [] : ys.blob(2, as: UInt8.self)

            // A large dataset's columns in halves on two connections, its measures deferred.
            let large = ds.int(4) >= Self.parallelReopenRows
            if large && columnReader == nil { columnReader = try ColumnReader(path: path!) }
            let reader = large ? columnReader : nil
            func column<T: BitwiseCopyable>(_ table: StaticString, _ column: StaticString, _ rowid: Int, _ type: T.Type) throws(Diagnostic) -> [T] {
                if let reader { return try reader.read(table: table, column: column, rowid: rowid, as: type) }
                return try db.readBlob(table: table, column: column, rowid: rowid, as: type)
            }
            // Every column's stored size is checked before anything is read.
            let rows = ds.int(4), dataset = name
            func storedBytes(_ table: StaticString, _ column: StaticString, _ rowid: Int) throws(Diagnostic) -> Int {
                if let reader { return try reader.bytes(table: table, column: column, rowid: rowid) }
                return try db.openBlob(table: table, column: column, rowid: rowid).bytes
            }
            // A code column is two or four bytes a row (schema 2); any other size is damage.
            func codeColumn(_ table: StaticString, _ name: StaticString, _ rowid: Int) throws(Diagnostic) -> CodeColumn {
                let bytes = try storedBytes(table, name, rowid)
                if bytes == rows * 2 && narrowAllowed { return CodeColumn(narrow: try column(table, name, rowid, Int16.self)) }
                if bytes == rows * 4 { return CodeColumn(wide: try column(table, name, rowid, Int32.self)) }
                throw Diagnostic(.workspaceColumnWrongLength, dataset, bytes / 4, rows)
            }
            var codes: [CodeColumn] = [], years: CodeColumn = [], measures: [Measure] = []
            for d in dimensions { codes.append(try codeColumn("dataset_dimensions", "codes", d.rowid)) }
            if let yearsRow { years = try codeColumn("dataset_years", "years", yearsRow) }
            // A measure's values (doubles) or words (four bytes): read now for a small dataset,
            // on first use for a large one.
            func measureColumn<T: BitwiseCopyable>(_ rowid: Int, _ type: T.Type) throws(Diagnostic) -> DeferredColumn<T> {
                let bytes = try storedBytes("dataset_measures", "vals", rowid), stride = MemoryLayout<T>.stride
                guard bytes == rows * stride else { throw Diagnostic(.workspaceColumnWrongLength, dataset, bytes / stride, rows) }
                guard let reader else { return DeferredColumn(loaded: try column("dataset_measures", "vals", rowid, type), dataset: dataset) }
                let later = DeferredColumn<T>(count: rows, dataset: dataset) {
                    Result { () throws(Diagnostic) in try reader.read(table: "dataset_measures", column: "vals", rowid: rowid, as: type) }
                }
                pending[dataset, default: []].append(Pending(column: later))
                return later
            }
            for m in measureRows {
                if let d = m.decimals {
                    let words = try measureColumn(m.rowid, Int32.self)
                    measures.append(Measure(name: m.name, unit: m.unit, scaled: ScaledValues(deferred: words, decimals: d), prices: m.prices))
                } else {
                    measures.append(Measure(name: m.name, unit: m.unit, deferred: try measureColumn(m.rowid, Double.self), prices: m.prices))
                }
            }
            fl.reset(); fl.bind(1, name)
            while try fl.step() {
                let pos = fl.int(0)
                guard pos >= 0 && pos < measures.count else { continue }
                let labels = Self.splitStrings(fl.blob(1, as: UInt8.self), count: 1)
                let codes = try db.readBlob(table: "dataset_flags", column: "codes", rowid: fl.int(2), as: UInt8.self)
                if codes.count == measures[pos].count { measures[pos].flags = CellFlags(labels: labels, codes: codes) }
            }
            let region = dimensions.indices.first { dimensions[$0].0.role == .region }
            let industry = dimensions.indices.first { dimensions[$0].0.role == .industry }
            let extras = dimensions.indices.filter { dimensions[$0].0.role == .extra }
            guard let region else { throw Diagnostic(.workspaceDatasetDamagedNoRegion, name) }
            out.append(Cube(name: name, source: ds.text(1) ?? "", region: dimensions[region].0, industry: industry.map { dimensions[$0].0 },
                            yearName: ds.text(2) ?? "year", extras: extras.map { dimensions[$0].0 }, regionCodes: codes[region],
                            industryCodes: industry.map { codes[$0] } ?? [], years: years, extraCodes: extras.map { codes[$0] },
                            measures: measures, notes: (ds.text(3) ?? "").split(separator: "\n").map(String.init)))
            out[out.count - 1].knownSummary = RowSummary(stored: keptYears, regions: keptRegions, rows: years.count,
                                                        regionCount: dimensions[region].0.count)
        }
        return out
    }

    // MARK: journal and definitions

    public func appendJournal(_ statement: String) throws(Diagnostic) {
        if opened == nil && path == nil { pendingJournal.append(statement); return }
        try db.prepare("INSERT INTO journal(seq, statement) VALUES (?, ?)").bind(1, try nextSeq("journal")).bind(2, statement).run()
    }

    /// The raw response of a `fetch`, kept so a script replays offline and identically.
    public func cachedResponse(_ url: String) throws(Diagnostic) -> [UInt8]? {
        let st = try db.prepare("SELECT body FROM fetch_cache WHERE url = ?").bind(1, url)
        return try st.step() ? st.blob(0, as: UInt8.self) : nil
    }

    public func storeResponse(_ url: String, _ body: [UInt8]) throws(Diagnostic) {
        try db.prepare("INSERT OR REPLACE INTO fetch_cache(url, body) VALUES (?, ?)").bind(1, url).bind(2, blob: body).run()
    }

    public func journal() throws(Diagnostic) -> [String] {
        if opened == nil && path == nil { return pendingJournal }
        let st = try db.prepare("SELECT statement FROM journal ORDER BY seq")
        var out: [String] = []
        while try st.step() { out.append(st.text(0) ?? "") }
        return out
    }

    /// A redefinition keeps the version it replaces, renamed `NAME␟SEQ` (U+001F) at its place in
    /// the order: a reopen replays both, so what was defined between them keeps the
    /// meaning it had in the session.
    /// `result`: what a `let` gave, kept with it (a reopen shows it as it was in the session,
    /// whatever happened to the datasets it read since).
    public func setDefinition(name: String, kind: String, statement: String, result: Table? = nil) throws(Diagnostic) {
        try db.transaction { () throws(Diagnostic) in
            try supersede(name)
            let seq = try nextSeq("definitions")
            try db.prepare("INSERT INTO definitions(name, kind, statement, seq) VALUES (?,?,?,?)")
                .bind(1, name).bind(2, kind).bind(3, statement).bind(4, seq).run()
            if let result, isPersistent {
                try db.prepare("INSERT OR REPLACE INTO results(seq, body) VALUES (?, ?)").bind(1, seq).bind(2, blob: TableCodec.encode(result)).run()
            }
        }
    }

    /// The table a `let` gave when it was made (nil: not kept, or unreadable).
    public func result(seq: Int) throws(Diagnostic) -> Table? {
        let st = try db.prepare("SELECT body FROM results WHERE seq = ?").bind(1, seq)
        return try st.step() ? TableCodec.decode(st.blob(0, as: UInt8.self)) : nil
    }

    /// Marks the current definition of `name` as replaced (by a new one, or by a dataset).
    func supersede(_ name: String) throws(Diagnostic) {
        try db.prepare("UPDATE definitions SET name = name || char(31) || seq WHERE name = ?").bind(1, name).run()
    }

    /// Every definition in the order made; `superseded` for a version later replaced.
    public func definitions() throws(Diagnostic) -> [Definition] {
        let st = try db.prepare("SELECT name, kind, statement, seq FROM definitions ORDER BY seq")
        var out: [Definition] = []
        while try st.step() {
            let raw = st.text(0)!
            let base = raw.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
            out.append(Definition(name: base, kind: st.text(1)!, statement: st.text(2)!, superseded: base != raw, seq: st.int(3)))
        }
        return out
    }

    public struct Definition {
        public let name: String, kind: String, statement: String
        /// Replaced by a later definition of its name (or a dataset).
        public let superseded: Bool
        public let seq: Int
    }

    /// The definitions (every version, in order) and the journal, copied into another
    /// workspace (`open` adopting a file). `current` gives a `let`'s table when this
    /// workspace does not keep it (an in-memory session holds its results in memory only).
    public func copyDefinitionsAndJournal(to other: Workspace, current: (Definition) -> Table?) throws(Diagnostic) {
        // Replayed as made: each version supersedes the one before it there too.
        for d in try definitions() {
            let table = d.kind == "let" ? try result(seq: d.seq) ?? current(d) : nil
            try other.setDefinition(name: d.name, kind: d.kind, statement: d.statement, result: table)
        }
        for s in try journal() { try other.appendJournal(s) }
    }

    // MARK: the `sql` escape hatch

    /// Named limits of one `sql` query: cells in its result, and seconds it may run.
    nonisolated(unsafe) public static var maxQueryCells = 10_000_000
    nonisolated(unsafe) public static var queryTimeLimit = 60.0
    nonisolated(unsafe) public static var maxQueryBytes = 256 << 20
    /// A file workspace answers `sql` on a second connection opened read-only, so nothing a
    /// query does can write the workspace (an in-memory one has only its own connection,
    /// and the authorizer alone guards it).
    private var reader: SQLiteDB?

    private func queryConnection() throws(Diagnostic) -> SQLiteDB {
        guard let path else { return try db }
        if let reader { return reader }
        let r = try SQLiteDB(path: path, readOnly: true)
        r.harden()
        reader = r
        return r
    }

    /// Runs one read-only query. `observations` is a temporary table of every dataset's
    /// cells (dataset, region, industry, year, measure, value), built when a query names it.
    /// Only reading is allowed (an authorizer refuses ATTACH, transactions, writes, PRAGMAs
    /// outside a short list and functions that register anything); the result and the
    /// running time are bounded.
    public func query(_ sql: String, cubes: [Cube]) throws(Diagnostic) -> Table {
        let conn = try queryConnection()
        if sql.lowercased().contains("observations") && observationsGeneration != generation {
            try materialiseObservations(cubes, on: conn)
        }
        return try conn.readOnly(seconds: Self.queryTimeLimit) { () throws(Diagnostic) -> Table in
            let st: SQLiteStatement
            do throws(Diagnostic) { st = try conn.prepare(sql, single: true) } catch {
                guard error.message.contains("not authorized") else { throw error }
                let denied = String(cString: spets_sql_denied())
                throw Diagnostic(.sqlReadOnlyMayQuery, denied.isEmpty ? Self.firstWord(sql) : denied,
                                 help: "sql runs SELECT and WITH queries; use load, let and the other statements to change the workspace")
            }
            guard st.isReadOnly else {
                throw Diagnostic(.sqlReadOnlyMayQuery2,
                                 help: "use load, let and the other statements to change the workspace")
            }
            return try collect(st, sql: sql)
        }
    }

    static func firstWord(_ sql: String) -> String {
        let w = sql.drop { $0.isWhitespace }.prefix { $0.isLetter }.uppercased()
        return w.isEmpty ? "this statement" : w
    }

    private func collect(_ st: SQLiteStatement, sql: String) throws(Diagnostic) -> Table {
        let n = st.columnCount
        var cols: [[Any?]] = Array(repeating: [], count: Int(n))
        var numeric = [Bool](repeating: true, count: Int(n))
        var cells = 0, bytes = 0
        while true {
            let more: Bool
            do throws(Diagnostic) { more = try st.step() } catch {
                if error == .interrupted && spets_sql_timed_out() != 0 {
                    throw Diagnostic(.sqlStoppedAfterSecondsLimit, NumberFormatting.exact(Self.queryTimeLimit),
                                     help: "narrow the query (a WHERE, a LIMIT)")
                }
                throw error
            }
            if !more { break }
            cells += Int(n)
            for c in 0..<n where st.type(c) == 3 || st.type(c) == 4 { bytes += Int(st.bytes(c)) }
            if bytes > Self.maxQueryBytes {
                throw Diagnostic(.sqlResultLargerThanMib, Self.maxQueryBytes >> 20,
                                 help: "select fewer or shorter columns, or add a LIMIT")
            }
            if cells > Self.maxQueryCells {
                throw Diagnostic(.sqlResultLargerThanCells, Self.maxQueryCells,
                                 help: "add a LIMIT or aggregate in the query")
            }
            for c in 0..<n {
                let t = st.type(c)
                if t == 1 || t == 2 { cols[Int(c)].append(st.double(c)) }          // INTEGER, FLOAT
                else if t == 5 { cols[Int(c)].append(nil) }                          // NULL
                else { numeric[Int(c)] = false; cols[Int(c)].append(st.text(c) ?? "") }
            }
        }
        var columns: [Column] = []
        for c in 0..<Int(n) {
            let name = st.columnName(Int32(c))
            if numeric[c] {
                columns.append(Column(name, .number(cols[c].map { ($0 as? Double) ?? .nan })))
            } else {
                columns.append(Column(name, .text(cols[c].map { v in
                    if let d = v as? Double { return NumberFormatting.exact(d) }
                    return (v as? String) ?? ""
                })))
            }
        }
        return Table(columns: columns, footer: ["sql: a read-only query of the workspace"])
    }

    private func materialiseObservations(_ cubes: [Cube], on db: SQLiteDB) throws(Diagnostic) {
        try db.exec("""
            DROP TABLE IF EXISTS temp.observations;
            CREATE TEMP TABLE observations(dataset TEXT, region TEXT, industry TEXT, year INTEGER, measure TEXT, value REAL);
            """)
        try db.transaction(deferred: true) { () throws(Diagnostic) in
            let ins = try db.prepare("INSERT INTO temp.observations VALUES (?,?,?,?,?,?)")
            for c in cubes {
                for m in c.measures {
                    let vals = m.values
                    for k in 0..<c.count {
                        if k & 0xFFFF == 0 { try Diagnostic.checkInterrupt() }
                        ins.reset()
                        ins.bind(1, c.name).bind(2, c.region.labels[Int(c.regionCodes[k])])
                            .bind(3, c.industry.map { $0.labels[Int(c.industryCodes[k])] })
                            .bind(4, Int(c.years[k])).bind(5, m.name)
                        if vals[k].isNaN { ins.bind(6, nil as String?) } else { ins.bind(6, vals[k]) }
                        try ins.run()
                    }
                }
            }
        }
        observationsGeneration = generation
    }
}
