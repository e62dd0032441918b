// FileIO.swift — small POSIX file helpers (no Foundation on the start-up path).
import Glibc

public enum FileIO {
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The endings of the files spets reads and writes (to tell `demo.csv` from `se.employment`).
    public static let fileExtensions: Set<String> = ["csv", "tsv", "txt", "px", "json", "xlsx", "md", "html", "svg", "spets", "spetsdb", "gz"]

    /// A source for people and for files that travel: a file's name, never the folder it sat
    /// in on one machine; a URL as it is.
    public static func displayName(_ source: String) -> String {
        if source.contains("://") { return source }
        return source.split(separator: "/").last.map(String.init) ?? source
    }

    /// `~` and `~/…` as the shell reads them: the home folder ($HOME). `~user` is left as is.
    public static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment("HOME"), !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    /// A page's charts (`figure-N.svg`) into its own folder beside it (notebooks, reports):
    /// never through a symbolic link planted there, and charts an earlier, longer page left
    /// are removed, so none is stale.
    public static func writeFigures(_ figures: [(name: String, svg: String)], into folder: String) throws(Diagnostic) {
        if isSymlink(folder) { throw Diagnostic(.symbolicLinkSpetsWritesPage, folder) }
        if !figures.isEmpty { try makeDirectory(folder) }
        for f in figures { try write(folder + "/" + f.name, f.svg) }
        let written = Set(figures.map(\.name))
        for e in list(folder) where e.name.hasPrefix("figure-") && e.name.hasSuffix(".svg") && !written.contains(e.name) {
            unlink(folder + "/" + e.name)
        }
    }

    /// The path itself is a symbolic link (not followed).
    public static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// The folder for a page's charts: `tutorial.md` → `tutorial.files` (notebooks, reports).
    public static func figureFolder(forPage name: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let stem = base.hasSuffix(".md") ? String(base.dropLast(3)) : base
        return stem + ".files"
    }

    public static func size(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    /// Reads a whole file and hands its bytes to `body` (the loaders of whole-file formats).
    public static func withBytes<T>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        let bytes = try read(path)
        return try bytes.withUnsafeBufferPointer { (b) throws(Diagnostic) -> T in try body(b) }
    }

    /// Reads a whole (small) file.
    /// The largest file read whole (workbooks, PC-Axis, JSON-stat, scripts, registries).
    nonisolated(unsafe) public static var maxWholeFile = 1 << 30

    /// Opens a file for reading, refusing what is not a regular file: a FIFO would block
    /// (it is opened non-blocking only to look at it), a device such as /dev/zero never ends.
    static func openRegular(_ path: String) throws(Diagnostic) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw Diagnostic.io(path, errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw Diagnostic.io(path, e) }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            _ = fcntl(fd, F_SETFL, 0)   // blocking reads again
            return fd
        case S_IFDIR:
            close(fd)
            throw Diagnostic(.directoryDataFile, path)
        default:
            close(fd)
            throw Diagnostic(.regularFilePipeSocketDevice, path,
                             help: "save the data to a file first, then load that file")
        }
    }

    public static func read(_ path: String) throws(Diagnostic) -> [UInt8] {
        let fd = try openRegular(path)
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw Diagnostic.io(path, errno) }
            if n == 0 { break }
            if out.count + n > maxWholeFile {
                throw Diagnostic(.largerThanMibLimitFile, path, maxWholeFile >> 20,
                                 help: "export the table as CSV, which is read in chunks of any size")
            }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    public static func readText(_ path: String) throws(Diagnostic) -> String {
        let bytes = try read(path)
        return bytes.withUnsafeBufferPointer { Text.decode($0).0 }
    }

    /// Writes atomically: a temporary file beside the target, then rename.
    public static func write(_ path: String, _ text: String) throws(Diagnostic) {
        try write(path, bytes: Array(text.utf8))
    }

    public static func write(_ path: String, bytes: [UInt8]) throws(Diagnostic) {
        try write(path) { (emit) throws(Diagnostic) in try bytes.withUnsafeBufferPointer { (b) throws(Diagnostic) in try emit(b) } }
    }

    /// Writes atomically what `body` hands to `emit`, piece by piece: into a temporary file
    /// beside the target, renamed over it only when all went well (an error or Ctrl-C in
    /// `body` leaves the target as it was and no temporary file behind).
    public static func write(_ path: String,
                             _ body: (_ emit: @escaping (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void) throws(Diagnostic) -> Void) throws(Diagnostic) {
        // A fresh name in the target's folder, created exclusively and never through a
        // symlink: nothing planted there can be written through, and two writers never
        // share a temporary file. The rename then replaces the target (a symlink itself, not
        // what it points to).
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var fd: Int32 = -1
        var tmp = ""
        for _ in 0..<8 {
            tmp = folder + "." + base + ".spets-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        if fd < 0 { throw Diagnostic.io(path, errno) }
        do {
            try body { (b) throws(Diagnostic) in
                var off = 0
                while off < b.count {
                    let n = Glibc.write(fd, b.baseAddress! + off, b.count - off)
                    if n < 0 { if errno == EINTR { continue }; throw Diagnostic.io(path, errno) }
                    off += n
                }
            }
        } catch {
            close(fd); unlink(tmp)
            throw error
        }
        close(fd)
        if rename(tmp, path) != 0 { let e = errno; unlink(tmp); throw Diagnostic.io(path, e) }
    }

    /// Removes a directory and everything in it (symlinks are removed, never followed).
    public static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            for e in list(path) { removeTree(path + "/" + e.name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// Creates a directory (and its parents) unless it exists.
    public static func makeDirectory(_ path: String) throws(Diagnostic) {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o755) != 0 && errno != EEXIST { throw Diagnostic.io(built, errno) }
        }
    }

    /// Directory entries (names only), sorted; for path completion.
    public static func list(_ dir: String) -> [(name: String, isDir: Bool)] {
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return [] }
        defer { closedir(d) }
        var out: [(String, Bool)] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let full = (dir.isEmpty ? "" : (dir.hasSuffix("/") ? dir : dir + "/")) + name
            out.append((name, isDirectory(full)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    public static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// Monotonic seconds, for benchmarks and progress.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Reads a file in large chunks, handing out complete lines' worth of bytes; keeps memory
/// flat for files of hundreds of MB.
public struct ChunkedFile {
    let fd: Int32
    public let path: String
    /// The file's size (0 when unknown), for progress.
    public var size: Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }
    public init(_ path: String) throws(Diagnostic) {
        self.path = path
        fd = try FileIO.openRegular(path)
    }
    /// Appends up to `count` bytes to `buffer`; returns bytes read (0 at end of file).
    /// Reads straight into the array's spare capacity (no zero-filling of the chunk).
    public func read(into buffer: inout [UInt8], count: Int) throws(Diagnostic) -> Int {
        buffer.reserveCapacity(buffer.count + count)
        var got = 0
        var failure: Int32 = 0
        // Read into a temporary allocation, then append (one memcpy).
        let tmp = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        defer { tmp.deallocate() }
        while true {
            let n = Glibc.read(fd, tmp, count)
            if n < 0 { if errno == EINTR { continue }; failure = errno; break }
            got = n
            break
        }
        if failure != 0 { throw Diagnostic.io(path, failure) }
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: tmp, count: got).bindMemory(to: UInt8.self))
        return got
    }
    /// Reads up to `count` bytes at `offset` into `to` (fewer only at the end of the file);
    /// returns bytes read. Safe from several threads at once.
    public func read(at offset: Int, into to: UnsafeMutableRawPointer, count: Int) throws(Diagnostic) -> Int {
        var got = 0
        while got < count {
            let n = pread(fd, to + got, count - got, off_t(offset + got))
            if n < 0 { if errno == EINTR { continue }; throw Diagnostic.io(path, errno) }
            if n == 0 { break }
            got += n
        }
        return got
    }
    public func close() { Glibc.close(fd) }
}
