// Zip.swift — the ZIP container of .xlsx files: reading (stored and deflated entries, through
// zlib's raw inflate) and writing (stored entries with their CRC-32). Hand-written over zlib
// rather than ZIPFoundation: that package brings Foundation, which costs every spets start
// about a millisecond and 50 MB (docs/performance.md); the format needed here is small.
import CZlib

public enum Zip {
    static func u16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
    static func u32(_ b: [UInt8], _ o: Int) -> Int { u16(b, o) | u16(b, o + 2) << 16 }

    /// The entries of a ZIP archive by name.
    public static func read(_ b: [UInt8], file: String) throws(Diagnostic) -> [String: [UInt8]] {
        func bad(_ why: String) -> Diagnostic { Diagnostic(.readableXlsxZipFile, file, why) }
        // End of central directory: the last `PK\5\6` within the final 64 KiB.
        guard b.count >= 22 else { throw bad("too short") }
        var eocd = -1
        var i = b.count - 22
        while i >= max(0, b.count - 65_557) {
            if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 5 && b[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw bad("no central directory") }
        let entries = u16(b, eocd + 10)
        var p = u32(b, eocd + 16)
        var out: [String: [UInt8]] = [:]
        for _ in 0..<entries {
            guard p + 46 <= b.count, u32(b, p) == 0x02014B50 else { throw bad("a damaged central directory") }
            let method = u16(b, p + 10), csize = u32(b, p + 20), usize = u32(b, p + 24)
            let nlen = u16(b, p + 28), xlen = u16(b, p + 30), clen = u16(b, p + 32), local = u32(b, p + 42)
            guard p + 46 + nlen <= b.count else { throw bad("a damaged entry name") }
            let name = String(decoding: b[(p + 46)..<(p + 46 + nlen)], as: UTF8.self)
            p += 46 + nlen + xlen + clen
            guard local + 30 <= b.count, u32(b, local) == 0x04034B50 else { throw bad("a damaged local header for \(name)") }
            let start = local + 30 + u16(b, local + 26) + u16(b, local + 28)
            guard start + csize <= b.count, usize < 1 << 30 else { throw bad("entry \(name) runs past the end") }
            // Deflate expands at most about 1032-fold: a larger declared size is a lie, refused
            // before it is allocated.
            guard method != 8 || usize <= csize * 1032 + 1024 else {
                throw bad("entry \(name) declares \(usize) bytes, more than its \(csize) compressed bytes can hold")
            }
            let data = Array(b[start..<(start + csize)])
            switch method {
            case 0: out[name] = data
            case 8: out[name] = try inflate(data, size: usize, name: name, file: file)
            default: throw bad("entry \(name) uses compression method \(method)")
            }
        }
        return out
    }

    static func inflate(_ data: [UInt8], size: Int, name: String, file: String) throws(Diagnostic) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(size, 1))
        var s = z_stream()
        guard inflateInit2_(&s, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Diagnostic(.zlibCouldStart, file)
        }
        defer { inflateEnd(&s) }
        var copy = data
        let r: Int32 = copy.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                s.next_in = inp.baseAddress; s.avail_in = uInt(inp.count)
                s.next_out = o.baseAddress; s.avail_out = uInt(o.count)
                return CZlib.inflate(&s, Z_FINISH)
            }
        }
        guard r == Z_STREAM_END, Int(s.total_out) == size else {
            throw Diagnostic(.readableXlsxZipFileEntry, file, name)
        }
        return out
    }

    /// An archive of stored (uncompressed) entries, in the order given.
    public static func write(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int, _ a: inout [UInt8]) { le16(v & 0xFFFF, &a); le16(v >> 16 & 0xFFFF, &a) }
        for e in entries {
            let name = Array(e.name.utf8)
            let crc = e.data.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, uInt($0.count))) }
            let offset = out.count
            // Local header: version 20, no flags, stored, a fixed time (1980-01-01) so the same
            // workbook is the same bytes.
            le32(0x04034B50, &out); le16(20, &out); le16(0, &out); le16(0, &out); le16(0, &out); le16(0x21, &out)
            le32(crc, &out); le32(e.data.count, &out); le32(e.data.count, &out); le16(name.count, &out); le16(0, &out)
            out += name; out += e.data
            le32(0x02014B50, &central); le16(20, &central); le16(20, &central); le16(0, &central); le16(0, &central)
            le16(0, &central); le16(0x21, &central); le32(crc, &central); le32(e.data.count, &central); le32(e.data.count, &central)
            le16(name.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0, &central); le32(offset, &central); central += name
        }
        let cdOffset = out.count
        out += central
        le32(0x06054B50, &out); le16(0, &out); le16(0, &out); le16(entries.count, &out); le16(entries.count, &out)
        le32(central.count, &out); le32(cdOffset, &out); le16(0, &out)
        return out
    }
}
