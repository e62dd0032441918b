// Specialisation.swift — how specialised each region's structure is: Krugman, Hachman,
// Herfindahl, entropy and its split into related and unrelated variety (methods.md).
import Glibc

public struct SpecialisationRequest: Scoped {
    public var measure: Int
    public var year: Int
    /// Regions, reference (Krugman's and Hachman's; entropy and Herfindahl do not use
    /// one), industries, level and the missing rule.
    public var scope = Scope()
    /// Krugman on the 0–1 scale (= Hoover's specialisation coefficient).
    public var half = false
    /// Entropy in nats instead of bits.
    public var nats = false
    /// Groups for related/unrelated variety: industry code → group. nil: the registry's
    /// parent level (e.g. the section of each division).
    public var groups: [String: String]? = nil
    public var groupsSource: String? = nil
    public init(measure: Int, year: Int) { self.measure = measure; self.year = year }
}

public enum Specialisation {
    /// Σ s log(1/s), with 0·log 0 = 0.
    static func entropy(_ s: [Double], _ log: (Double) -> Double) -> Double {
        var h = 0.0
        for p in s where p > 0 { h += p * log(1 / p) }
        return h
    }

    public static func compute(_ cube: Cube, _ q: SpecialisationRequest, registry: Registry) throws(Diagnostic) -> Table {
        let cs = try CrossSection.build(cube, measure: q.measure, year: q.year, registry: registry,
                                        industries: q.industries, regionLevel: q.regionLevel, missing: q.missing, focus: q.regions)
        let regions = try LocationQuotient.outputRegions(cs, cube, q.regions, q.reference, year: q.year)
        let log: (Double) -> Double = q.nats ? { Glibc.log($0) } : { Glibc.log2($0) }
        // Variety groups for each column.
        let codes = cs.columnCodes.map { cs.columnDim.labels[Int($0)] }
        var groupOf: [String?] = codes.map { c in
            if let g = q.groups { return g[c] ?? g[c.uppercased()] }
            return registry.industry(c)?.parent
        }
        var groupNote: String
        if let src = q.groupsSource { groupNote = "variety groups from \(src)" } else { groupNote = "variety groups: each industry's parent in the registry" }
        let ungrouped = zip(codes, groupOf).filter { $0.1 == nil }.map(\.0)
        if ungrouped.isEmpty, Set(groupOf.compactMap { $0 }).count == 1 {
            groupNote += "; all industries fall in one group, so unrelated variety is 0 (use `groups \"FILE.csv\"` for another grouping)"
        }
        if !ungrouped.isEmpty {
            groupNote += "; no group for \(ungrouped.prefix(6).joined(separator: ", "))\(ungrouped.count > 6 ? ", …" : "") — related and unrelated variety not computed"
            groupOf = []
        }
        var cols: [[Double]] = Array(repeating: [], count: 7)
        var cache: [Int: [Double]] = [:], peersByLevel: [Int: [Int]] = [:]
        var incomplete: [String] = []
        var selection = false
        if case .explicit = q.industries { selection = true }
        var fewer = false
        for r in regions {
            if peersByLevel[cs.level[r]] == nil { peersByLevel[cs.level[r]] = cs.peers(of: r) }
            let s0 = cs.referenceShares(for: r, q.reference, peers: peersByLevel[cs.level[r]]!, cache: &cache)
            // The industries this region's indices run over: all of them, or (missing skip)
            // those observed for it and in the reference, with both sides renormalised.
            let kept = (0..<cs.nC).filter { c in cs.used[r * cs.nC + c] && !s0[c].isNaN }
            let whole = kept.count == cs.nC
            if !whole && q.missing == .out || kept.isEmpty {
                // Whose cell is missing: the region's own, or (vs R) the reference region's.
                let own = (0..<cs.nC).filter { !cs.used[r * cs.nC + $0] }
                let gaps = (own.isEmpty ? (0..<cs.nC).filter { !kept.contains($0) } : own).map { cs.columnDim.labels[Int(cs.columnCodes[$0])] }
                let list = "\(gaps.prefix(3).joined(separator: ", "))\(gaps.count > 3 ? ", …" : "")"
                if own.isEmpty, case .region(let ref) = q.reference {
                    incomplete.append("\(cube.region.labels[r]) (its reference \(cube.region.labels[Int(ref)]) lacks \(list))")
                } else {
                    incomplete.append("\(cube.region.labels[r]) (\(list))")
                }
                for k in 0..<7 { cols[k].append(.nan) }
                continue
            }
            var s = cs.shares(r), b0 = s0
            // A selection (`industries …`, areas) or the observed part (missing skip): shares
            // of the columns' own total on both sides, so that they sum to 1.
            if !whole || selection {
                let xr = kept.reduce(0.0) { $0 + cs.at(r, $1) }, n0 = kept.reduce(0.0) { $0 + s0[$1] }
                s = (0..<cs.nC).map { c in kept.contains(c) && xr != 0 ? cs.at(r, c) / xr : .nan }
                b0 = (0..<cs.nC).map { c in kept.contains(c) && n0 != 0 ? s0[c] / n0 : .nan }
            }
            var krugman = 0.0, sLQ = 0.0, hhi = 0.0
            var noHachman = false
            for c in kept {
                let a = s[c].isNaN ? 0 : s[c]
                let b = b0[c]
                krugman += abs(a - b)
                // A share where the reference has none: Hachman is undefined, Krugman is not.
                if a > 0 { if b > 0 { sLQ += a * a / b } else { noHachman = true } }
                hhi += a * a
            }
            let shares = kept.map { s[$0].isNaN ? 0 : s[$0] }
            let h = entropy(shares, log)
            var uv = Double.nan, rv = Double.nan
            if !groupOf.isEmpty {
                var p: [String: Double] = [:]
                var order: [String] = []
                for (k, c) in kept.enumerated() { let g = groupOf[c]!; if p[g] == nil { order.append(g) }; p[g, default: 0] += shares[k] }
                uv = entropy(order.map { p[$0]! }, log)
                rv = 0
                for g in order where p[g]! > 0 {
                    let within = kept.indices.filter { groupOf[kept[$0]] == g }.map { shares[$0] / p[g]! }
                    rv += p[g]! * entropy(within, log)
                }
            }
            let n = Double(kept.count)
            if kept.count < cs.nC { fewer = true }
            let empty = cs.rowTotal[r] == 0
            cols[0].append(empty ? .nan : (q.half ? krugman / 2 : krugman))
            cols[1].append(noHachman || sLQ == 0 ? .nan : 1 / sLQ)
            cols[2].append(empty ? .nan : hhi)
            cols[3].append(empty || n <= 1 ? .nan : (hhi - 1 / n) / (1 - 1 / n))
            cols[4].append(empty ? .nan : h)
            cols[5].append(rv)
            cols[6].append(uv)
        }
        let m = cube.measures[q.measure]
        let names = ["krugman", "hachman", "herfindahl", "herfindahl_norm", "entropy", "related_variety", "unrelated_variety"]
        var columns = [Column("region", .coded(CodeColumn(regions.map(Int32.init)), cube.region), kind: .key)]
        for (k, n) in names.enumerated() { columns.append(Column(n, .number(cols[k]), decimals: 4)) }
        let unit = q.nats ? "nats" : "bits"
        var footer = ["specialisation of \(m.name) \(q.year): Krugman Σ|s − s⁰|\(q.half ? " ÷ 2 (half: 0–1, Hoover)" : " (0–2)"); Hachman 1 / Σ s·LQ; Herfindahl Σ s² and normalised (H − 1/n)/(1 − 1/n), n = \(cs.nC)\(fewer ? " (the observed industries' count where `missing skip` leaves some out)" : ""); entropy Σ s log(1/s) in \(unit) = related + unrelated variety",
                      "reference (Krugman, Hachman): " + LocationQuotient.describeReference(q.reference, cube: cube, cs: cs, regions: regions, registry: registry),
                      groupNote]
        footer += q.reference.relevant(cs.notes)
        if selection { footer.append("the indices run over the \(cs.nC) columns listed: shares of their own total, in the region and in the reference") }
        if !incomplete.isEmpty {
            footer.append("regions with a missing cell (indices over the whole structure shown as –; `missing skip` computes them on the observed industries): "
                          + incomplete.prefix(6).joined(separator: ", ") + (incomplete.count > 6 ? ", … (\(incomplete.count))" : ""))
        }
        footer.append(cs.missing > 0 ? "missing cells: \(cs.missing) (left out; shares are of the observed total)" : "missing cells: 0")
        return Table(columns: columns, footer: footer)
    }

    /// Krugman's index between two regions' structures: Σ |s_a − s_b|.
    public static func pairwise(_ cube: Cube, measure: Int, year: Int, a: Int32, b: Int32, half: Bool,
                                industries: IndustryChoice, registry: Registry, missing: MissingRule = .out) throws(Diagnostic) -> Table {
        let cs = try CrossSection.build(cube, measure: measure, year: year, registry: registry, industries: industries, missing: missing, focus: [a, b])
        for r in [a, b] where !cs.active[Int(r)] { throw cs.frame!.absence(of: Int(r), in: cube) }
        // Both structures over the same industries: all, or (missing skip) those observed in both.
        let kept = (0..<cs.nC).filter { c in cs.used[Int(a) * cs.nC + c] && cs.used[Int(b) * cs.nC + c] }
        var notes: [String] = []
        var k = Double.nan
        if kept.count == cs.nC || (missing != .out && !kept.isEmpty) {
            let ta = kept.reduce(0.0) { $0 + cs.at(Int(a), $1) }, tb = kept.reduce(0.0) { $0 + cs.at(Int(b), $1) }
            if ta > 0 && tb > 0 {
                k = kept.reduce(0.0) { $0 + abs(cs.at(Int(a), $1) / ta - cs.at(Int(b), $1) / tb) }
                if half { k /= 2 }
            }
            if kept.count < cs.nC { notes.append("computed on the \(kept.count) industries observed in both regions, shares renormalised (missing skip)") }
        } else {
            notes.append("a region has a missing cell: Krugman shown as – (`missing skip` computes it on the industries observed in both)")
        }
        let m = cube.measures[measure]
        return Table(columns: [
            Column("region_a", .coded(CodeColumn([a]), cube.region), kind: .key),
            Column("region_b", .coded(CodeColumn([b]), cube.region), kind: .key),
            Column("krugman", .number([k]), decimals: 4),
        ], footer: ["Krugman between two regions: Σ |s_a − s_b|\(half ? " ÷ 2 (half)" : " (0–2)"), \(m.name) \(year)"] + cs.notes + notes)
    }
}
