// Text.swift — UTF-8/Windows-1252 decoding, forgiving name folding, edit distance, snake_case.

/// Windows-1252 code points for bytes 0x80–0x9F (the rest equal Latin-1).
private let cp1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
]

public enum Text {
    /// Decodes bytes as UTF-8 when they are valid UTF-8, else as Windows-1252 (the other
    /// encoding Swedish spreadsheets and SCB files arrive in). Returns the string and whether
    /// the fallback was used.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, Bool) {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return (String(decoding: bytes, as: UTF8.self), false) }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
        return (windows1252(bytes), true)
    }

    /// Bytes read as Windows-1252 (a superset of ISO-8859-1's printable characters).
    public static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32 = (b >= 0x80 && b <= 0x9F) ? cp1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(v) ?? "?")
        }
        return String(scalars)
    }

    public static func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode($0).0 }
    }

    /// Folds a name for forgiving matching: lower case, Swedish and other Latin diacritics
    /// removed (`Jämtlands län` → `jamtlands lan`), runs of space/punctuation collapsed.
    /// Works on scalars without intermediate Strings (it runs for every registry name).
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        func emit(_ c: Unicode.Scalar) {
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(c)
        }
        for u in s.unicodeScalars {
            let v = u.value
            if (v >= 97 && v <= 122) || (v >= 48 && v <= 57) { emit(u); continue }
            if v >= 65 && v <= 90 { emit(Unicode.Scalar(v + 32)!); continue }
            if v < 0x80 { pendingSpace = true; continue }
            switch u {
            case "å", "Å", "ä", "Ä", "à", "á", "â", "ã", "À", "Á", "Â", "Ã": emit("a")
            case "æ", "Æ": emit("a"); out.append("e")
            case "ö", "Ö", "ø", "Ø", "ò", "ó", "ô", "õ", "Ò", "Ó", "Ô", "Õ": emit("o")
            case "é", "è", "ê", "ë", "É", "È", "Ê", "Ë": emit("e")
            case "ü", "Ü", "ú", "ù", "û", "Ú", "Ù", "Û": emit("u")
            case "í", "ì", "î", "ï", "Í", "Ì", "Î", "Ï": emit("i")
            case "ç", "Ç": emit("c")
            case "ñ", "Ñ": emit("n")
            case "ß": emit("s"); out.append("s")
            case "\u{00A0}", "\u{2013}", "\u{2014}", "\u{2009}", "\u{202F}": pendingSpace = true
            default: emit(u)
            }
        }
        return String(out)
    }

    /// Edit distance over Unicode scalars, counting a swap of neighbours (`boi` → `bio`) as
    /// one edit (optimal string alignment). Names are short; quadratic is fine.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }

    /// Names longer than this get prefix suggestions only (edit distance is quadratic).
    static let maxSuggestedLength = 200

    /// Text from a file or a server made safe to print: control characters (ESC, NUL, …,
    /// DEL, the C1 range, bidi overrides, zero-width characters) become `\u{1B}`-style escapes, so no input can move the
    /// cursor, change colours or hide text. Tabs and newlines stay when `keepLines`.
    public static func printable(_ s: String, keepLines: Bool = false) -> String {
        func control(_ u: Unicode.Scalar) -> Bool {
            if keepLines && (u == "\n" || u == "\t") { return false }
            let v = u.value
            // C0, DEL, C1; and the invisible ones that reorder or hide what is shown
            // (bidirectional embeddings, overrides and isolates, zero-width characters).
            return v < 0x20 || (v >= 0x7F && v < 0xA0) || (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E)
                || (v >= 0x2066 && v <= 0x2069) || v == 0xFEFF
        }
        guard s.unicodeScalars.contains(where: control) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if control(u) { out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars) }
            else { out.append(u) }
        }
        return String(out)
    }

    /// The candidates closest to `word` (folded comparison), best first, at most `limit`.
    /// A candidate qualifies when it is within a third of the word's length in edits, or
    /// when one folded form starts with the other.
    public static func suggestions(for word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let w = fold(word)
        guard !w.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        let length = w.unicodeScalars.count
        let budget = max(1, length / 3)
        for c in candidates where !seen.contains(c) {
            seen.insert(c)
            let f = fold(c)
            // Lengths further apart than the budget cannot be within it: no quadratic
            // distance for them (a 1 MB unknown name answers at once).
            let d = abs(f.unicodeScalars.count - length) > budget || length > maxSuggestedLength ? Int.max : distance(w, f)
            if d <= budget { scored.append((d, c)) }
            else if f.hasPrefix(w) || (w.count >= 3 && w.hasPrefix(f) && f.count >= 3) { scored.append((budget + 1, c)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return scored.prefix(limit).map { $0.1 }
    }

    /// `jamtlands lan` and `jamtland` meet: a folded place name without the county words
    /// (län, county, region) and without the Swedish genitive s.
    public static func stripPlaceWords(_ folded: String) -> String {
        var s = folded
        for suffix in [" lans", " lan", " county", " region"] where s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        if s.hasPrefix("region ") { s.removeFirst(7) }
        if s.hasSuffix("s") && s.count > 4 { s.removeLast() }
        return s
    }

    /// Stable snake_case column names for CSV/JSON: `Value added (MSEK)` → `value_added_msek`.
    public static func snakeCase(_ s: String) -> String {
        var out = ""
        var lastUnderscore = true
        var prevLower = false
        for u in s.unicodeScalars {
            let isUpper = u >= "A" && u <= "Z"
            let folded = fold(String(Character(u)))
            if folded.isEmpty {
                if !lastUnderscore { out += "_"; lastUnderscore = true }
                prevLower = false
                continue
            }
            if isUpper && prevLower && !lastUnderscore { out += "_" }
            out += folded
            lastUnderscore = false
            prevLower = !isUpper
        }
        while out.hasSuffix("_") { out.removeLast() }
        return out.isEmpty ? "column" : out
    }

    /// Display width of a string in terminal cells (grapheme clusters; wide East Asian
    /// characters count two).
    public static func width(_ s: String) -> Int {
        var w = 0
        for ch in s {
            let v = ch.unicodeScalars.first!.value
            w += (v >= 0x1100 && (v <= 0x115F || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0x20000 && v <= 0x3FFFD))) ? 2 : 1
        }
        return w
    }
}

/// `1 region`, `4 regions`, `1 industry`, `5 industries`.
public func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
    "\(n) " + (n == 1 ? one : many ?? one + "s")
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation here).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }

    public func trimmed() -> String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    public func padded(to width: Int, right: Bool) -> String {
        let pad = width - Text.width(self)
        if pad <= 0 { return self }
        let spaces = String(repeating: " ", count: pad)
        return right ? spaces + self : self + spaces
    }
}
