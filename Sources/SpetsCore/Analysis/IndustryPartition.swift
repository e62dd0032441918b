// IndustryPartition.swift — which industry rows of a file an analysis adds up. Real files
// mix levels (`B-E` beside `C`, `TOTAL` beside everything); summing them all double counts.

public struct IndustryPartition {
    /// Industry codes (indices into the dataset's industry dimension) that are summed.
    public var columns: [Int32]
    /// Present codes left out because others in the partition cover them.
    public var leftOut: [Int32]
    /// For the footer.
    public var description: String

    /// The finest complete partition of the industries present: a node is replaced by its
    /// children only when all of them are present (or can themselves be completed); codes
    /// outside the registry are taken as they are.
    public static func finest(present allPresent: [Int32], dimension d: Dimension, registry: Registry) -> IndustryPartition {
        // Categories that are not industries (marital status, age from a PC-Axis or JSON-stat
        // table keep their own name): the NACE registry does not apply; only the file's own
        // total, if any, is left out.
        // Codes written as a hierarchy the registry does not know (ONS `A (1-3)`, `11-12`,
        // `A-E`, `Total`; a category `Totalt`): the hierarchy is read from the codes.
        if let inferred = inferredPartition(allPresent, d, registry) { return inferred }
        if !d.isClassifiedIndustry {
            let total = d.total.flatMap { t in allPresent.contains(t) && allPresent.count > 1 ? t : nil }
            let columns = allPresent.filter { $0 != total }
            var text = "categories: " + describe(columns, d)
            if let total { text += "; left out as their total: " + d.labels[Int(total)] }
            return IndustryPartition(columns: columns, leftOut: total.map { [$0] } ?? [], description: text)
        }
        // A `TOTAL` row the registry does not know is still the parent of all the others.
        var present = allPresent
        var totals: [Int32] = []
        if registry.industry("TOTAL") == nil && present.count > 1 {
            totals = present.filter { d.labels[Int($0)].uppercased() == "TOTAL" }
            present.removeAll { totals.contains($0) }
        }
        // Codes as the registry knows them: a file's `A-U` is the registry's TOTAL.
        let canonical = d.labels.map { ($0.isEmpty ? $0 : registry.industry($0)?.code ?? $0).uppercased() }
        var byCode: [String: Int32] = [:]
        for i in present { byCode[canonical[Int(i)]] = i }
        var memo: [String: [String]?] = [:]
        func resolve(_ n: String, depth: Int) -> [String]? {
            if let m = memo[n] { return m }
            var result: [String]? = nil
            let kids = depth < 12 ? registry.industryChildren(n) : []
            if !kids.isEmpty {
                var all: [String] = []
                var complete = true
                for k in kids {
                    guard let r = resolve(k, depth: depth + 1) else { complete = false; break }
                    all += r
                }
                if complete { result = all }
            }
            if result == nil && byCode[n] != nil { result = [n] }
            memo[n] = result
            return result
        }
        var chosen: [String] = []
        var seen = Set<String>()
        var leaves = Set<String>()
        for i in present {
            let code = canonical[Int(i)]
            // Only nodes with no present ancestor start a resolution.
            if registry.industryAncestors(code).contains(where: { byCode[$0] != nil }) { continue }
            for c in resolve(code, depth: 0) ?? [code] where !seen.contains(c) {
                let l = registry.industryLeaves(c)
                if !l.isDisjoint(with: leaves) { continue }   // never count a leaf twice
                leaves.formUnion(l)
                seen.insert(c)
                chosen.append(c)
            }
        }
        let columns = present.filter { seen.contains(canonical[Int($0)]) }
        let leftOut = allPresent.filter { !seen.contains(canonical[Int($0)]) || totals.contains($0) }
        var text = "industries: " + describe(columns, d)
        // The words tell a part (C inside the chosen B-E) from an aggregate (TOTAL above them).
        let parts = leftOut.filter { i in !totals.contains(i) && registry.industryAncestors(canonical[Int(i)]).contains { seen.contains($0) } }
        let aggregates = leftOut.filter { !parts.contains($0) }
        if !aggregates.isEmpty { text += "; left out as aggregates of others: " + describe(aggregates, d) }
        if !parts.isEmpty { text += "; left out as parts of others: " + describe(parts, d) }
        return IndustryPartition(columns: columns, leftOut: leftOut, description: text)
    }

    static func inferredPartition(_ present: [Int32], _ d: Dimension, _ registry: Registry) -> IndustryPartition? {
        guard present.count > 1 else { return nil }
        let unknown = present.filter { i in
            let l = d.labels[Int(i)]
            guard !d.isClassifiedIndustry || registry.industry(l) == nil else { return false }
            switch CodeHierarchy.shape(l, name: d.names[Int(i)]) {
            case .total, .letters: return true
            case .leaves: return l.contains("-") || l.contains("(")
            case .own: return false
            }
        }
        // Totals alone: the plain rules below (`TOTAL`, the file's declared total) say the same
        // in their own words.
        let onlyTotals = unknown.allSatisfy { i in
            if case .total = CodeHierarchy.shape(d.labels[Int(i)], name: d.names[Int(i)]) {
                return d.isClassifiedIndustry ? d.labels[Int(i)].uppercased() == "TOTAL" : d.total == i
            }
            return false
        }
        guard !unknown.isEmpty, !onlyTotals, let sets = CodeHierarchy.leafSets(d.labels, names: d.names) else { return nil }
        let (chosen, aggregates, parts) = CodeHierarchy.finest(present, sets: sets)
        var text = (d.isClassifiedIndustry ? "industries: " : "categories: ") + describe(chosen, d)
        if !aggregates.isEmpty { text += "; left out as aggregates of others: " + describe(aggregates, d) }
        if !parts.isEmpty { text += "; left out as parts of others: " + describe(parts, d) }
        text += " (hierarchy read from the codes)"
        return IndustryPartition(columns: chosen, leftOut: present.filter { !chosen.contains($0) }, description: text)
    }

    /// A list the user gave: refused if two of its codes overlap (one contains the other).
    public static func explicit(_ codes: [Int32], dimension d: Dimension, registry: Registry) throws(Diagnostic) -> IndustryPartition {
        var leaves: [(Int32, Set<String>)] = []
        for c in codes {
            let code = d.labels[Int(c)]
            let l = registry.industryLeaves(code)
            if let (other, _) = leaves.first(where: { !$0.1.isDisjoint(with: l) }) {
                let a = d.labels[Int(other)]
                let (big, small) = registry.industryLeaves(a).isSuperset(of: l) ? (a, code) : (code, a)
                throw Diagnostic(.overlapPartSoTheyWould, a, code, small, big,
                                 help: "list industries that do not overlap, e.g. " +
                                    (big == "B-E" ? "A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U" : "\(big) alone, or \(small) without \(big)"))
            }
            leaves.append((c, l))
        }
        return IndustryPartition(columns: codes, leftOut: [], description: "industries: " + describe(codes, d) + " (as listed)")
    }

    static func describe(_ codes: [Int32], _ d: Dimension) -> String {
        let l = codes.map { d.labels[Int($0)] }
        if l.count <= 12 { return l.joined(separator: ", ") + " (\(l.count))" }
        return l.prefix(10).joined(separator: ", ") + ", … (\(l.count))"
    }
}
