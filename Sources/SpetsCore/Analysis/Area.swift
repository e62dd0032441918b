// Area.swift — knowledge areas (kunskapsområden): named sets of industries, kept as the
// finest codes they cover so that any partition of a dataset can be matched against them.

public struct Area {
    public var name: String
    /// Leaf codes (divisions, or codes outside the registry), upper case.
    public var members: Set<String>
    /// How it was defined (the statement or the preset), for `areas` and the footer.
    public var definition: String
    public var title: String?

    public init(name: String, members: Set<String>, definition: String, title: String? = nil) {
        self.name = name; self.members = members; self.definition = definition; self.title = title
    }

    /// Which of the given codes fall inside the area — never one inside another that is taken
    /// (C beside B-E: B-E only), so nothing counts twice — and which only partly, not covered
    /// by what is taken (those cannot be split and are left out, with a note). `inside` holds
    /// positions in `columns`.
    public func match(_ columns: [Int32], _ d: Dimension, registry: Registry) -> (inside: [Int], partly: [String]) {
        var candidates: [(k: Int, leaves: Set<String>)] = [], partlyAll: [(String, Set<String>)] = []
        for (k, c) in columns.enumerated() {
            let l = registry.industryLeaves(d.labels[Int(c)])
            if l.isSubset(of: members) { candidates.append((k, l)) } else if !l.isDisjoint(with: members) { partlyAll.append((d.labels[Int(c)], l)) }
        }
        let inside = candidates.indices.filter { a in
            !candidates.indices.contains { b in b != a && candidates[a].leaves.isSubset(of: candidates[b].leaves) && (candidates[a].leaves != candidates[b].leaves || b < a) }
        }.map { candidates[$0].k }
        var taken = Set<String>()
        for a in candidates where inside.contains(a.k) { taken.formUnion(a.leaves) }
        return (inside, partlyAll.filter { !$0.1.intersection(members).isSubset(of: taken) }.map(\.0))
    }

    /// Members for display: runs of consecutive divisions written as ranges (`01..03, 10`).
    public var compactMembers: String {
        let sorted = members.sorted { a, b in
            if let x = Int(a), let y = Int(b) { return x < y }
            return a < b
        }
        var out: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, let a = Int(sorted[j]), let b = Int(sorted[j + 1]), b == a + 1, sorted[j].count == sorted[j + 1].count { j += 1 }
            out.append(j > i + 1 ? "\(sorted[i])..\(sorted[j])" : (j == i + 1 ? "\(sorted[i]), \(sorted[j])" : sorted[i]))
            i = j + 1
        }
        return out.joined(separator: ", ")
    }
}

/// One item of an area definition, as written.
public enum AreaItem: Equatable, Sendable {
    case code(String)
    case range(String, String)
}

public enum AreaBuilder {
    /// Expands items to leaf codes. `known` are codes present in loaded datasets (codes
    /// outside the registry are accepted when a dataset has them); `areas` are defined areas.
    public static func leaves(of item: AreaItem, registry: Registry, areas: [String: Area], known: Set<String>) throws(Diagnostic) -> Set<String> {
        switch item {
        case .range(let a, let b):
            guard let lo = Int(a), let hi = Int(b), lo <= hi, a.count == b.count else {
                throw Diagnostic(.rangeIndustryCodes, a, b, help: "ranges run between numeric codes of the same width, e.g. 01..03")
            }
            var out = Set<String>()
            for v in lo...hi {
                var s = String(v)
                while s.count < a.count { s = "0" + s }
                if registry.industry(s) != nil || known.contains(s) { out.formUnion(registry.industryLeaves(s)) }
            }
            if out.isEmpty { throw Diagnostic(.noKnownIndustryCodes, a, b) }
            return out
        case .code(let c):
            if let a = areas[c] ?? areas.first(where: { $0.key.lowercased() == c.lowercased() })?.value { return a.members }
            if let e = registry.industry(c), e.code.uppercased() == c.uppercased() || e.altCode?.uppercased() == c.uppercased() {
                return registry.industryLeaves(e.code)
            }
            if known.contains(c.uppercased()) { return [c.uppercased()] }
            let candidates = Text.suggestions(for: c, among: Array(areas.keys) + registry.industries.map(\.code) + Array(known), limit: 4)
            throw Diagnostic(.noIndustryArea, c,
                             help: "codes are SNI 2007 / NACE Rev. 2 (sections A–U, divisions 01–99, A*10 groups such as B-E), codes in a loaded dataset, or defined areas",
                             candidates: candidates)
        }
    }
}
