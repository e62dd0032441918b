// CSVScanner.swift — RFC 4180 row scanning on bytes: field boundaries only, no Strings.
// Hand-written because the hot path must not allocate per cell; the packaged CSV readers
// (SwiftCSV, CSV.swift) build a String per field.

/// One field of the current row: byte range in the buffer; `escaped` when it was quoted and
/// contained doubled quotes (the bytes then need unescaping).
public struct FieldRef {
    public var start: Int
    public var end: Int
    public var quoted: Bool
    public var escaped: Bool
}

public struct CSVScanner {
    public let delimiter: UInt8
    /// The current row's fields are fields[0..<count] (the array only grows).
    public var fields: [FieldRef] = Array(repeating: FieldRef(start: 0, end: 0, quoted: false, escaped: false), count: 16)
    public var count = 0
    /// Physical lines consumed by the last row (quoted fields may span lines).
    public var linesInRow = 1

    public init(delimiter: UInt8) { self.delimiter = delimiter }

    /// Scans one row starting at `pos`. Returns the position after the row's line end, or nil
    /// when the row is not complete in `buf` (more data is needed) and `eof` is false.
    /// At end of file an unterminated quote is reported by `unterminatedQuote`.
    public mutating func scanRow(_ buf: UnsafeBufferPointer<UInt8>, from pos: Int, eof: Bool) -> Int? {
        count = 0
        linesInRow = 1
        let n = buf.count
        let d = delimiter
        var i = pos
        while true {
            // Start of a field.
            if i < n && buf[i] == UInt8(ascii: "\"") {
                var j = i + 1
                var escaped = false
                var closed = false
                while j < n {
                    let c = buf[j]
                    if c == UInt8(ascii: "\"") {
                        if j + 1 < n && buf[j + 1] == UInt8(ascii: "\"") { escaped = true; j += 2; continue }
                        if j + 1 >= n && !eof { return nil }
                        closed = true
                        break
                    }
                    if c == 10 { linesInRow += 1 }
                    j += 1
                }
                if !closed {
                    if !eof { return nil }
                    unterminatedQuote = true
                    push(FieldRef(start: i + 1, end: n, quoted: true, escaped: escaped))
                    return n
                }
                push(FieldRef(start: i + 1, end: j, quoted: true, escaped: escaped))
                i = j + 1
                // Text after the closing quote up to the delimiter is tolerated and ignored only if spaces.
                while i < n && buf[i] == 32 { i += 1 }
                if i >= n { if eof { return n }; return nil }
                let c = buf[i]
                if c == d { i += 1; continue }
                if c == 10 { return i + 1 }
                if c == 13 { if i + 1 < n { return buf[i + 1] == 10 ? i + 2 : i + 1 }; return eof ? n : nil }
                // Stray bytes after a closing quote: keep scanning them as part of the row.
                strayAfterQuote = true
                while i < n && buf[i] != d && buf[i] != 10 && buf[i] != 13 { i += 1 }
                if i >= n { if eof { return n }; return nil }
                if buf[i] == d { i += 1; continue }
                if buf[i] == 10 { return i + 1 }
                if i + 1 < n { return buf[i + 1] == 10 ? i + 2 : i + 1 }
                return eof ? n : nil
            }
            let s = i
            while i < n {
                let c = buf[i]
                if c == d || c == 10 || c == 13 { break }
                i += 1
            }
            if i >= n {
                if !eof { return nil }
                push(FieldRef(start: s, end: n, quoted: false, escaped: false))
                return n
            }
            push(FieldRef(start: s, end: i, quoted: false, escaped: false))
            let c = buf[i]
            if c == d { i += 1; continue }
            if c == 10 { return i + 1 }
            // CR or CRLF
            if i + 1 < n { return buf[i + 1] == 10 ? i + 2 : i + 1 }
            return eof ? n : nil
        }
    }

    @inline(__always)
    mutating func push(_ f: FieldRef) {
        if count == fields.count { fields.append(f) } else { fields[count] = f }
        count += 1
    }

    /// The current row's fields.
    public var row: ArraySlice<FieldRef> { fields[0..<count] }

    public var unterminatedQuote = false
    public var strayAfterQuote = false

    /// The bytes of a field, unescaped when needed.
    public static func bytes(_ buf: UnsafeBufferPointer<UInt8>, _ f: FieldRef) -> [UInt8] {
        if !f.escaped { return Array(buf[f.start..<f.end]) }
        var out: [UInt8] = []
        var i = f.start
        while i < f.end {
            out.append(buf[i])
            i += (buf[i] == UInt8(ascii: "\"") && i + 1 < f.end && buf[i + 1] == UInt8(ascii: "\"")) ? 2 : 1
        }
        return out
    }

    /// Guesses the delimiter from a header line: the most frequent of , ; tab | outside quotes.
    public static func sniffDelimiter(_ line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0, 124: 0]
        var inQuote = false
        for c in line {
            if c == UInt8(ascii: "\"") { inQuote.toggle() }
            else if !inQuote, counts[c] != nil { counts[c]! += 1 }
        }
        var best: UInt8 = 44
        for d: UInt8 in [44, 59, 9, 124] where counts[d]! > counts[best]! { best = d }
        return best
    }
}

/// Small CSV files (registries, groupings) as rows of Strings; `#` lines before the header
/// are comments. Uses the same scanner as the fast loader.
public enum CSVText {
    public static func rows(_ bytes: [UInt8], file: String) throws(Diagnostic) -> (comments: [String], rows: [[String]]) {
        var comments: [String] = []
        var rows: [[String]] = []
        var err: Diagnostic? = nil
        bytes.withUnsafeBufferPointer { buf in
            var pos = 0
            if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
            var line = 1
            var scanner: CSVScanner? = nil
            while pos < buf.count {
                if rows.isEmpty && buf[pos] == UInt8(ascii: "#") {
                    var e = pos
                    while e < buf.count && buf[e] != 10 { e += 1 }
                    var text = Text.decode(UnsafeBufferPointer(rebasing: buf[(pos + 1)..<e])).0
                    if text.hasSuffix("\r") { text.removeLast() }
                    comments.append(text.trimmed())
                    pos = e + 1; line += 1
                    continue
                }
                if scanner == nil {
                    var e = pos
                    while e < buf.count && buf[e] != 10 { e += 1 }
                    scanner = CSVScanner(delimiter: CSVScanner.sniffDelimiter(UnsafeBufferPointer(rebasing: buf[pos..<e])))
                }
                guard let next = scanner!.scanRow(buf, from: pos, eof: true) else { break }
                if scanner!.unterminatedQuote {
                    err = Diagnostic(.unterminatedQuotedField, location: FileLocation(file: file, line: line))
                    return
                }
                let row = scanner!.row.map { f in
                    CSVScanner.bytes(buf, f).withUnsafeBufferPointer { Text.decode($0).0 }
                }
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                line += scanner!.linesInRow
                pos = next
            }
        }
        if let e = err { throw e }
        return (comments, rows)
    }
}
