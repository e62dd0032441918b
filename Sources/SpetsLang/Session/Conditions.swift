// Conditions.swift — `where` conditions evaluated column-at-a-time into a row mask.
// Missing values satisfy no comparison (as in SQL).
import SpetsCore

/// The rows of a table a condition keeps. Names on a region or industry column resolve as
/// `for` resolves them (a code, a name, SCB's county codes, forgiving spellings), through the
/// registry; a name that matches nothing is an error with *did you mean*.
struct Conditions {
    let registry: Registry?
    /// `1,5` is a number (the Swedish locale); otherwise it is refused with the reason.
    var decimalComma = false

    func mask(_ c: Condition, _ t: Table) throws(Diagnostic) -> [Bool] {
        switch c {
        case .and(let a, let b):
            let x = try mask(a, t), y = try mask(b, t)
            return zip(x, y).map { $0 && $1 }
        case .or(let a, let b):
            let x = try mask(a, t), y = try mask(b, t)
            return zip(x, y).map { $0 || $1 }
        case .not(let a):
            return try mask(a, t).map { !$0 }
        case .compare(let l, let op, let r, let span):
            return try compare(l, op, r, t, span)
        }
    }

    /// The comparisons of a condition's top-level `and`s (what a `where` that keeps no row
    /// is explained by).
    static func conjuncts(_ c: Condition) -> [Condition] {
        if case .and(let a, let b) = c { return conjuncts(a) + conjuncts(b) }
        return [c]
    }

    /// Why a condition keeps no row of `t`: each comparison that alone matches nothing, with
    /// the range of a numeric column (`no row has year = 2025 (year in the table: 2008–2023)`).
    func whyNoRow(_ c: Condition, _ t: Table) throws(Diagnostic) -> [String] {
        var out: [String] = []
        for part in Self.conjuncts(c) {
            guard case .compare(let l, let op, let r, let span) = part, try !mask(part, t).contains(true) else { continue }
            let (col, value) = Self.isColumn(l) ? (l, r) : (r, l)
            guard case .column(let name) = col else { continue }
            let what = "\(name.text) \(op.rawValue) \(value.written)"
            if let i = t.columnIndex(name.text), case .number(let v) = t.columns[i].values {
                let seen = v.filter { !$0.isNaN }
                if let lo = seen.min(), let hi = seen.max() {
                    func short(_ x: Double) -> String { NumberFormatting.exact((x * 1e4).rounded() / 1e4) }
                    out.append(lo == hi ? "no row has \(what) (\(t.columns[i].name) in the table: \(short(lo)))"
                                        : "no row has \(what) (\(t.columns[i].name) in the table: \(short(lo))–\(short(hi)))")
                    continue
                }
            }
            _ = span
            out.append("no row has \(what)")
        }
        return out.isEmpty ? ["no row meets every part of the condition"] : out
    }


    static func column(_ n: NameRef, _ t: Table) throws(Diagnostic) -> Int {
        if let i = t.columnIndex(n.text) { return i }
        // A column by its Swedish header (`select bransch`), in either language.
        let f = Text.fold(n.text)
        if let i = t.columns.indices.first(where: { Text.fold(Catalogue.header(t.columns[$0].name, .sv)) == f }) { return i }
        let names = t.columns.map(\.name)
        throw Diagnostic(.noColumn2, n.text, span: n.span, help: "columns: " + names.joined(separator: ", "),
                         candidates: Text.suggestions(for: n.text, among: names))
    }

    static func test<T: Comparable>(_ a: T, _ op: CompareOp, _ b: T) -> Bool {
        switch op {
        case .eq: return a == b
        case .ne: return a != b
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        }
    }

    func compare(_ l: Operand, _ op: CompareOp, _ r: Operand, _ t: Table, _ span: Range<Int>) throws(Diagnostic) -> [Bool] {
        let n = t.rowCount
        // Put a column on the left when there is one.
        if case .column = r, !Self.isColumn(l) { return try compare(r, op.flipped, l, t, span) }
        switch (l, r) {
        case (.column(let a), .column(let b)):
            let i = try Self.column(a, t)
            if t.columnIndex(b.text) == nil, !t.columns[i].isNumeric {
                // `where region = Kalmar`: an unquoted word that is no column is text.
                return try compare(l, op, .string(b.text, span: b.span), t, span)
            }
            let j = try Self.column(b, t)
            let x = t.columns[i], y = t.columns[j]
            if case .number(let u) = x.values, case .number(let v) = y.values {
                return (0..<n).map { !u[$0].isNaN && !v[$0].isNaN && Self.test(u[$0], op, v[$0]) }
            }
            return (0..<n).map { Self.test(x.machineText($0), op, y.machineText($0)) }
        case (.column(let a), .number(let v, let written, let nspan)):
            if written.contains(","), !decimalComma {
                throw Diagnostic(.decimalComma, written, written.replacingAll(",", with: "."), span: nspan,
                                 help: "or `set locale sv`, where a comma is the decimal mark")
            }
            let i = try Self.column(a, t)
            // `where region = 08`: a number on a region or industry column is a code.
            if case .coded = t.columns[i].values, op == .eq || op == .ne {
                return try compare(l, op, .string(written, span: nspan), t, span)
            }
            guard case .number(let u) = t.columns[i].values else {
                return (0..<n).map { Self.test(t.columns[i].machineText($0), op, NumberFormatting.exact(v)) }
            }
            return u.map { !$0.isNaN && Self.test($0, op, v) }
        case (.column(let a), .string(let s, let sspan)):
            let i = try Self.column(a, t)
            let col = t.columns[i]
            switch col.values {
            case .coded(let codes, let dim):
                var hit = Self.matches(dim, s)
                if (op == .eq || op == .ne) && !hit.contains(true), dim.name == "region" || dim.name == "industry" {
                    // Not a code or name as written: resolve it as `for` would.
                    let code: Int32
                    do { code = try NameResolver(dim, registry: registry).resolve(s, dataset: "the table") } catch { throw error.at(sspan) }
                    hit[Int(code)] = true
                }
                if op == .eq || op == .ne {
                    let want = op == .eq
                    return codes.map { hit[Int($0)] == want }
                }
                return codes.map { Self.test(dim.labels[Int($0)], op, s) }
            case .text(let v):
                if op == .eq { return v.map { $0 == s || Text.fold($0) == Text.fold(s) } }
                if op == .ne { return v.map { !($0 == s || Text.fold($0) == Text.fold(s)) } }
                return v.map { Self.test($0, op, s) }
            case .number:
                if let x = NumberParsing.parse(s) { return try compare(l, op, .number(x, text: s, span: sspan), t, span) }
                throw Diagnostic(.columnHoldsNumbersText, col.name, s, span: sspan,
                                 help: "compare with a number, e.g. \(col.name) >= 1")
            }
        case (.number(let a, _, _), .number(let b, _, _)):
            return Array(repeating: Self.test(a, op, b), count: n)
        case (.string(let a, _), .string(let b, _)):
            return Array(repeating: Self.test(a, op, b), count: n)
        default:
            throw Diagnostic(.cannotCompareNumberText, span: span)
        }
    }

    static func isColumn(_ o: Operand) -> Bool { if case .column = o { return true }; return false }

    /// Which codes of a dimension a text names: the code itself, or its display name
    /// (compared folded, so `"Kalmar län"` and `"kalmar lan"` both work).
    static func matches(_ d: Dimension, _ s: String) -> [Bool] {
        let f = Text.fold(s)
        return (0..<d.count).map { i in
            d.labels[i] == s || d.labels[i].uppercased() == s.uppercased()
                || (d.names[i].map { Text.fold($0) == f || Text.fold(d.labels[i] + " " + $0) == f } ?? false)   // as a table shows it
        }
    }
}
