// TableCodec.swift — a result table as bytes, so a workspace keeps what a `let` gave in the
// session: re-evaluating it on reopen would read whatever the datasets hold by then (a
// dataset reloaded or replaced under the same name). Length-prefixed; numbers and codes as
// their arrays' bytes (little-endian, as on every machine Swift targets here); only
// spets reads it, and a body it cannot read is treated as absent (the statement is then
// evaluated again).

enum TableCodec {
    static let magic: [UInt8] = Array("SPT1".utf8)

    static func encode(_ t: Table) -> [UInt8] {
        var w = Writer()
        w.bytes(magic)
        w.optString(t.title)
        w.strings(t.footer)
        w.flag(t.parts != nil)
        if let p = t.parts { w.strings(p.components); w.optString(p.total) }
        w.int(t.columns.count)
        for c in t.columns {
            w.string(c.name); w.optString(c.unit)
            w.flag(c.decimals != nil); w.int(c.decimals ?? 0)
            w.flag(c.kind == .key); w.flag(c.literalName)
            switch c.values {
            case .number(let v): w.byte(0); w.array(v)
            case .text(let v): w.byte(1); w.strings(v)
            case .coded(let codes, let d):
                w.byte(2)
                w.string(d.name); w.string(d.role.rawValue); w.strings(d.labels)
                w.int(d.names.count); for n in d.names { w.optString(n) }
                w.flag(d.summable); w.flag(d.total != nil); w.int(Int(d.total ?? 0))
                w.array(codes.array)
            }
        }
        return w.out
    }

    static func decode(_ b: [UInt8]) -> Table? {
        var r = Reader(b: b)
        guard r.take(4) == magic else { return nil }
        guard let title = r.optString(), let footer = r.strings(), let hasParts = r.flag() else { return nil }
        var parts: ColumnParts? = nil
        if hasParts {
            guard let comps = r.strings(), let total = r.optString() else { return nil }
            parts = ColumnParts(components: comps, total: total)
        }
        guard let n = r.count() else { return nil }
        var columns: [Column] = []
        for _ in 0..<n {
            guard let name = r.string(), let unit = r.optString(), let hasDec = r.flag(), let dec = r.int(),
                  let key = r.flag(), let literal = r.flag(), let tag = r.byte() else { return nil }
            var values: ColumnValues
            switch tag {
            case 0:
                guard let v = r.array(Double.self) else { return nil }
                values = .number(v)
            case 1:
                guard let v = r.strings() else { return nil }
                values = .text(v)
            case 2:
                guard let dn = r.string(), let role = r.string().flatMap(Dimension.Role.init(rawValue:)), let labels = r.strings(),
                      let nn = r.count() else { return nil }
                var names: [String?] = []
                for _ in 0..<nn { guard let x = r.optString() else { return nil }; names.append(x) }
                guard let summable = r.flag(), let hasTotal = r.flag(), let total = r.int(),
                      let codes = r.array(Int32.self), codes.allSatisfy({ $0 >= 0 && Int($0) < labels.count }) else { return nil }
                let d = Dimension(name: dn, role: role, labels: labels, names: names.count == labels.count ? names : nil,
                                  summable: summable, total: hasTotal ? Int32(truncatingIfNeeded: total) : nil)
                values = .coded(CodeColumn(codes), d)
            default: return nil
            }
            var c = Column(name, values, unit: unit, decimals: hasDec ? dec : nil, kind: key ? .key : .value)
            c.literalName = literal
            columns.append(c)
        }
        guard r.atEnd, Set(columns.map(\.count)).count <= 1 else { return nil }
        var t = Table(columns: columns, footer: footer, title: title)
        t.parts = parts
        return t
    }

    struct Writer {
        var out: [UInt8] = []
        mutating func byte(_ x: UInt8) { out.append(x) }
        mutating func bytes(_ x: [UInt8]) { out += x }
        mutating func u64(_ x: UInt64) { for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: x >> (8 * UInt64(k)))) } }
        mutating func int(_ x: Int) { u64(UInt64(bitPattern: Int64(x))) }
        mutating func flag(_ x: Bool) { byte(x ? 1 : 0) }
        mutating func string(_ s: String) { let u = Array(s.utf8); int(u.count); out += u }
        mutating func optString(_ s: String?) { flag(s != nil); if let s { string(s) } }
        mutating func strings(_ s: [String]) { int(s.count); for x in s { string(x) } }
        /// A count, then the elements' bytes in one copy.
        mutating func array<T>(_ a: [T]) { int(a.count); a.withUnsafeBytes { out += $0 } }
    }

    /// Every read is checked against what is left: a damaged body gives nil, never a trap.
    struct Reader {
        let b: [UInt8]
        var i = 0
        var atEnd: Bool { i == b.count }
        mutating func take(_ n: Int) -> [UInt8]? {
            guard n >= 0, n <= b.count - i else { return nil }
            defer { i += n }
            return Array(b[i..<(i + n)])
        }
        mutating func byte() -> UInt8? { take(1)?.first }
        mutating func u64() -> UInt64? {
            guard let x = take(8) else { return nil }
            return x.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        mutating func int() -> Int? { u64().map { Int(Int64(bitPattern: $0)) } }
        /// A count of things still to come: never more than the bytes left.
        mutating func count() -> Int? { int().flatMap { $0 >= 0 && $0 <= b.count - i ? $0 : nil } }
        mutating func flag() -> Bool? { byte().map { $0 != 0 } }
        mutating func string() -> String? { count().flatMap { take($0) }.map { String(decoding: $0, as: UTF8.self) } }
        mutating func optString() -> String?? {
            guard let f = flag() else { return nil }
            if !f { return .some(nil) }
            guard let s = string() else { return nil }
            return .some(s)
        }
        mutating func array<T>(_: T.Type) -> [T]? {
            guard let n = int(), n >= 0, n <= (b.count - i) / MemoryLayout<T>.stride else { return nil }
            let bytes = n * MemoryLayout<T>.stride
            let out = [T](unsafeUninitializedCapacity: n) { buf, done in
                b.withUnsafeBytes { src in UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[i..<(i + bytes)])) }
                done = n
            }
            i += bytes
            return out
        }
        mutating func strings() -> [String]? {
            guard let n = count() else { return nil }
            var out: [String] = []
            for _ in 0..<n { guard let s = string() else { return nil }; out.append(s) }
            return out
        }
    }
}
