// Catalogue.swift — messages for people in the session's language (`set lang sv`).
// Analyses, the parser and the loaders write their text in English; each entry here pairs an
// English template (`no dataset `{0}``) with its Swedish text, and the renderers for people
// translate a line by the first template it matches, translating the filled-in parts in turn
// (`reference: {0}` then `sum of the {0} loaded regions at level {1}` then `county`). CSV and
// JSON stay English: they are for machines and for scripts that read them.

public struct CatalogueEntry: Sendable {
    public let en: String
    public let sv: String
    /// Literal pieces between the placeholders of `en`, and the placeholder numbers in order.
    let pieces: [String]
    let slots: [Int]
    /// Slots (by position) inside backticks or quotes: code as typed, never translated.
    let codeSlots: Set<Int>

    init(_ en: String, _ sv: String) {
        self.en = en; self.sv = sv
        var pieces: [String] = [], slots: [Int] = [], cur = "", code: Set<Int> = []
        var rest = Substring(en)
        var ticks = 0   // backticks before the placeholder: an odd count is inside code
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), after[..<close].count <= 2 {
                cur += rest[..<open]
                ticks += rest[..<open].filter { $0 == "`" }.count
                let quoted = cur.hasSuffix("\"") && after[after.index(after: close)...].hasPrefix("\"")
                if ticks % 2 == 1 || quoted { code.insert(slots.count) }
                pieces.append(cur); cur = ""
                slots.append(n)
                rest = after[after.index(after: close)...]
            } else {
                cur += rest[...open]
                rest = after
            }
        }
        pieces.append(cur + rest)
        self.pieces = pieces; self.slots = slots; self.codeSlots = code
    }

    /// The parts that fill the placeholders, when `s` has this entry's shape.
    func match(_ s: String) -> [String]? {
        guard s.hasPrefix(pieces[0]) else { return nil }
        if slots.isEmpty { return s == pieces[0] ? [] : nil }
        var rest = s.dropFirst(pieces[0].count)
        var args: [String] = []
        for k in 1..<pieces.count {
            let lit = pieces[k]
            if k == pieces.count - 1 {
                guard rest.hasSuffix(lit), rest.count >= lit.count else { return nil }
                let a = rest.dropLast(lit.count)
                guard !a.isEmpty else { return nil }
                args.append(String(a))
            } else {
                guard !lit.isEmpty, let r = rest.firstRange(of: lit), r.lowerBound > rest.startIndex else { return nil }
                args.append(String(rest[..<r.lowerBound]))
                rest = rest[r.upperBound...]
            }
        }
        return args
    }
}

public enum Catalogue {
    /// The line in `lang`: unchanged in English, translated by the first matching entry in
    /// Swedish (parts translated recursively), unchanged when no entry matches.
    public static func text(_ s: String, _ lang: Language) -> String {
        guard lang == .sv, !s.isEmpty else { return s }
        return translate(s, depth: 0)
    }

    /// The analyses' footers first (specific shapes), the help under errors, then the
    /// shell's own lines and parts.
    static let allEntries = footerEntries + helpEntries + entries

    static func translate(_ s: String, depth: Int) -> String {
        guard depth < 6 else { return s }
        if let w = words[s] ?? helpWords[s] { return w }
        for e in allEntries {
            guard let args = e.match(s) else { continue }
            var out = e.sv
            for (k, n) in e.slots.enumerated() {
                let part = e.codeSlots.contains(k) ? args[k] : swedishNumber(args[k]) ?? translate(args[k], depth: depth + 1)
                out = out.replacingAll("{\(n)}", with: part)
            }
            return out
        }
        return s
    }

    /// A part that is a plain decimal number (`1.49`, `-0.55`) in a Swedish line is written as
    /// a Swede reads it (`1,49`); a Swede reads 1.49 as a date or as thousands.
    /// `codeShaped`: also `12.5`, when the context (a `%`, a comparison) says it is a number.
    static func swedishNumber(_ s: String, codeShaped: Bool = false) -> String? {
        // `>= 0.55`: a comparison with its number.
        let words = s.split(separator: " ")
        if words.count == 2, [">=", "<=", ">", "<", "="].contains(String(words[0])), let n = swedishNumber(String(words[1]), codeShaped: true) {
            return words[0] + " " + n
        }
        // `11.3 %`
        if words.count == 2, words[1] == "%", let n = swedishNumber(String(words[0]), codeShaped: true) { return n + " %" }
        let u = Array(s.utf8)
        var i = u.first == UInt8(ascii: "-") ? 1 : 0
        let start = i
        while i < u.count, u[i] >= 48 && u[i] <= 57 { i += 1 }
        guard i > start, i < u.count, u[i] == UInt8(ascii: "."), i + 1 < u.count else { return nil }
        var j = i + 1
        while j < u.count, u[j] >= 48 && u[j] <= 57 { j += 1 }
        guard j == u.count, j > i + 1 else { return nil }
        // `10.1`, `10.11`: the shape of an SNI/NACE group or class code, left as written.
        if !codeShaped && start == 0 && i == 2 && j - i - 1 <= 2 { return nil }
        return String(s.prefix(i)) + "," + String(s.dropFirst(i + 1))
    }

    /// A column's header for people: Swedish names for the columns analyses share.
    public static func header(_ name: String, _ lang: Language) -> String {
        guard lang == .sv else { return name }
        return columns[name] ?? name
    }

    public static func unit(_ u: String, _ lang: Language) -> String {
        guard lang == .sv else { return u }
        return units[u] ?? u
    }

}
