// JSON.swift — a small JSON reader for JSON-stat responses. Hand-written because the
// products avoid Foundation (its JSONSerialization costs start-up time in every session,
// docs/performance.md) and no package on the machine's list reads JSON without it. Errors
// give line and column; nesting is bounded so hostile input cannot exhaust the stack.

public enum JSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    /// Members in file order (JSON-stat's category `index` objects are read in order).
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSON? {
        if case .object(let m) = self { return m.first { $0.0 == key }?.1 }
        return nil
    }
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var number: Double? { if case .number(let v) = self { return v }; return nil }
    public var array: [JSON]? { if case .array(let a) = self { return a }; return nil }
    public var members: [(String, JSON)]? { if case .object(let m) = self { return m }; return nil }

    static let maxDepth = 200

    public static func parse(_ b: UnsafeBufferPointer<UInt8>, path: String) throws(Diagnostic) -> JSON {
        var r = Reader(b: b, path: path)
        r.skip()
        let v = try r.value(depth: 0)
        r.skip()
        if r.pos < b.count { throw r.fail("unexpected text after the JSON value") }
        return v
    }

    struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        let path: String
        var pos = 0

        init(b: UnsafeBufferPointer<UInt8>, path: String) {
            self.b = b; self.path = path
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        }

        func fail(_ msg: String) -> Diagnostic {
            var line = 1, lineStart = 0
            for i in 0..<min(pos, b.count) where b[i] == 10 { line += 1; lineStart = i + 1 }
            return Diagnostic(message: "JSON: " + msg, location: FileLocation(file: path, line: line, column: CSVLoader.column(b, lineStart, pos)))
        }

        mutating func skip() {
            while pos < b.count, b[pos] == 32 || b[pos] == 9 || b[pos] == 10 || b[pos] == 13 { pos += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws(Diagnostic) {
            skip()
            guard pos < b.count, b[pos] == c else { throw fail("expected \(what)" + (pos < b.count ? "" : ", found the end of the file")) }
            pos += 1
        }

        mutating func value(depth: Int) throws(Diagnostic) -> JSON {
            guard depth < JSON.maxDepth else { throw fail("nested more than \(JSON.maxDepth) levels deep") }
            skip()
            guard pos < b.count else { throw fail("expected a value, found the end of the file") }
            switch b[pos] {
            case UInt8(ascii: "{"):
                pos += 1
                var members: [(String, JSON)] = []
                skip()
                if pos < b.count, b[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
                while true {
                    skip()
                    guard pos < b.count, b[pos] == 34 else { throw fail("expected a quoted member name") }
                    let k = try string()
                    try expect(UInt8(ascii: ":"), "`:` after a member name")
                    members.append((k, try value(depth: depth + 1)))
                    skip()
                    guard pos < b.count else { throw fail("an object is not closed with }") }
                    if b[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    if b[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
                    throw fail("expected , or } in an object")
                }
            case UInt8(ascii: "["):
                pos += 1
                var items: [JSON] = []
                skip()
                if pos < b.count, b[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skip()
                    guard pos < b.count else { throw fail("an array is not closed with ]") }
                    if b[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    if b[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
                    throw fail("expected , or ] in an array")
                }
            case 34: return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default:
                let s = pos
                while pos < b.count, (b[pos] &- 48 < 10) || b[pos] == 45 || b[pos] == 43 || b[pos] == 46 || b[pos] | 32 == 101 { pos += 1 }
                guard pos > s, let v = NumberParsing.parse(b.baseAddress! + s, pos - s, .point) else {
                    pos = s
                    throw fail("expected a value (number, string, object, array, true, false or null)")
                }
                return .number(v)
            }
        }

        mutating func word(_ w: String) throws(Diagnostic) {
            let u = Array(w.utf8)
            guard pos + u.count <= b.count, u.indices.allSatisfy({ b[pos + $0] == u[$0] }) else { throw fail("expected \(w)") }
            pos += u.count
        }

        mutating func string() throws(Diagnostic) -> String {
            pos += 1
            var out: [UInt8] = []
            while true {
                guard pos < b.count else { throw fail("a string is not closed") }
                let c = b[pos]
                if c == 34 { pos += 1; break }
                if c == 92 {
                    pos += 1
                    guard pos < b.count else { throw fail("a string is not closed") }
                    let e = b[pos]
                    pos += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if scalar >= 0xD800 && scalar < 0xDC00, pos + 1 < b.count, b[pos] == 92, b[pos + 1] == UInt8(ascii: "u") {
                            pos += 2
                            let low = try hex4()
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + ((low &- 0xDC00) & 0x3FF)
                        }
                        out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                    default: out.append(e)   // \" \\ \/
                    }
                    continue
                }
                out.append(c)
                pos += 1
            }
            return out.withUnsafeBufferPointer { Text.decode($0).0 }
        }

        mutating func hex4() throws(Diagnostic) -> UInt32 {
            guard pos + 4 <= b.count else { throw fail("a \\u escape needs four hex digits") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[pos] | 32
                let d: UInt32
                if c &- 48 < 10 { d = UInt32(c - 48) } else if c &- 97 < 6 { d = UInt32(c - 87) } else { throw fail("a \\u escape needs four hex digits") }
                v = v * 16 + d
                pos += 1
            }
            return v
        }
    }
}
