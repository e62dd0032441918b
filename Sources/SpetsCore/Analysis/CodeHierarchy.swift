// CodeHierarchy.swift — the hierarchy of codes a registry does not know, read from how they
// are written (ONS SIC: `A (1-3)`, `11-12`, `A-E`, `68IMP`, `Total`; SCB: `Totalt`), and the
// finest complete partition over such leaf sets. A code stands for a set of leaves; one
// contains another when its set does; a node is split into the present codes directly inside
// it only when they cover it without overlap.

enum CodeHierarchy {
    /// Labels (or names) that mean "all of them".
    static let totalWords: Set<String> = ["total", "totalt", "totals", "samtliga", "alla", "all", "all industries",
                                          "samtliga näringsgrenar", "alla näringsgrenar", "i alt", "yhteensä", "insgesamt",
                                          "total - all nace activities", "all activities", "whole economy"]

    static func isTotal(_ label: String, name: String?) -> Bool {
        let l = Text.fold(label).trimmed()
        if totalWords.contains(l) || l.hasPrefix("total ") || l.hasPrefix("totalt ") { return true }
        if let n = name.map({ Text.fold($0) }), totalWords.contains(n) { return true }
        return false
    }

    enum Shape { case total, leaves(Set<String>), letters(Character, Character), own }

    /// How one label is written.
    static func shape(_ raw: String, name: String?) -> Shape {
        if isTotal(raw, name: name) { return .total }
        let s = raw.uppercased().trimmed()
        let b = Array(s.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func isLetter(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func range(_ text: Substring) -> Set<String>? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count <= 2, let lo = Int(parts[0]), let hi = Int(parts.last!), lo <= hi, hi - lo < 1000 else { return nil }
            return Set((lo...hi).map(String.init))
        }
        // `A (1-3)`, `CD-CF (19-21)`, `C (10-33)`: letters, then the divisions they cover.
        if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            if let r = range(Substring(String(inner.filter { $0 != " " }))) { return .leaves(r) }
            return .own
        }
        // `11-12`, `01`, `68`.
        if !b.isEmpty, b.allSatisfy({ isDigit($0) || $0 == 45 }), isDigit(b[0]), let r = range(s[...]) { return .leaves(r) }
        // `68IMP`: a part of division 68.
        if let k = b.firstIndex(where: { !isDigit($0) }), k > 0, b[k...].allSatisfy(isLetter), let n = Int(String(s.prefix(k))) {
            return .leaves([String(n)])
        }
        // `A-E`: the letter codes from A to E.
        if b.count == 3, isLetter(b[0]), b[1] == 45, isLetter(b[2]), b[0] < b[2] {
            return .letters(Character(UnicodeScalar(b[0])), Character(UnicodeScalar(b[2])))
        }
        return .own
    }

    /// Leaf sets for the labels, or nil when the labels do not read as a hierarchy (nothing
    /// written as a range, a total or a letter group: each code is then its own leaf).
    static func leafSets(_ labels: [String], names: [String?]) -> [Set<String>]? {
        let shapes = labels.indices.map { shape(labels[$0], name: names[$0]) }
        var sets = [Set<String>](repeating: [], count: labels.count)
        var structured = false
        // Letter codes: a plain letter with its divisions (`A (1-3)`) or a letter alone.
        var byLetter: [Character: Set<String>] = [:]
        for (k, sh) in shapes.enumerated() {
            switch sh {
            case .leaves(let l):
                sets[k] = l
                if let f = labels[k].uppercased().first, f.isLetter { byLetter[f, default: []].formUnion(l); structured = true }
                if labels[k].contains("-") || labels[k].contains("(") { structured = true }
            case .own:
                sets[k] = ["#" + labels[k].uppercased()]
                if labels[k].count == 1, let f = labels[k].uppercased().first, f.isLetter { byLetter[f, default: []].formUnion(sets[k]) }
            case .total, .letters: structured = true
            }
        }
        for (k, sh) in shapes.enumerated() {
            if case .letters(let a, let z) = sh {
                var u = Set<String>()
                for (letter, l) in byLetter where letter >= a && letter <= z { u.formUnion(l) }
                sets[k] = u.isEmpty ? ["#" + labels[k].uppercased()] : u
            }
        }
        let all = sets.indices.filter { if case .total = shapes[$0] { return false }; return true }.reduce(into: Set<String>()) { $0.formUnion(sets[$1]) }
        for (k, sh) in shapes.enumerated() { if case .total = sh { sets[k] = all } }
        return structured ? sets : nil
    }

    /// The finest complete partition of `present` (indices into `sets`): chosen codes,
    /// aggregates left out, parts left out. Equal sets: the first label keeps it.
    static func finest(_ present: [Int32], sets: [Set<String>]) -> (chosen: [Int32], aggregates: [Int32], parts: [Int32]) {
        // Duplicates (`68` and `68IMP` read alike): the one listed first stands for both.
        var nodes: [Int32] = []
        var duplicates: [Int32] = []
        for i in present {
            if nodes.contains(where: { sets[Int($0)] == sets[Int(i)] }) { duplicates.append(i) } else { nodes.append(i) }
        }
        func inside(_ a: Int32, _ b: Int32) -> Bool { a != b && sets[Int(a)].isStrictSubset(of: sets[Int(b)]) }
        var memo: [Int32: [Int32]] = [:]
        func resolve(_ x: Int32, _ depth: Int) -> [Int32] {
            if let m = memo[x] { return m }
            let kids = nodes.filter { y in inside(y, x) && !nodes.contains { z in inside(y, z) && inside(z, x) } }
            var out = [x]
            if depth < 16, !kids.isEmpty {
                var union = Set<String>(), disjoint = true
                for k in kids { if !union.isDisjoint(with: sets[Int(k)]) { disjoint = false }; union.formUnion(sets[Int(k)]) }
                if disjoint && union == sets[Int(x)] { out = kids.flatMap { resolve($0, depth + 1) } }
            }
            memo[x] = out
            return out
        }
        let roots = nodes.filter { x in !nodes.contains { inside(x, $0) } }
        var chosen: [Int32] = []
        var covered = Set<String>()
        for r in roots {
            for c in resolve(r, 0) where covered.isDisjoint(with: sets[Int(c)]) {
                chosen.append(c)
                covered.formUnion(sets[Int(c)])
            }
        }
        let chosenSet = Set(chosen)
        let rest = present.filter { !chosenSet.contains($0) }
        let parts = rest.filter { i in duplicates.contains(i) || chosen.contains { sets[Int(i)].isSubset(of: sets[Int($0)]) } }
        let aggregates = rest.filter { !parts.contains($0) }
        return (present.filter { chosenSet.contains($0) }, aggregates, parts)
    }
}
