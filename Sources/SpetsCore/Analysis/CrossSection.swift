// CrossSection.swift — one measure in one year as regions × columns, where the columns are
// the industry partition, industries aggregated to a level, or knowledge areas. Every
// cross-sectional measure (LQ, specialisation, localisation, portfolio) starts here.

public enum IndustryChoice {
    /// The finest complete partition of the industries present (the default).
    case finest
    /// The industries the user listed (overlaps refused).
    case explicit([Int32])
    /// The partition aggregated up to a registry level (`section`, `a10`).
    case level(String)
    /// Knowledge areas; each is computed on its own members, totals stay the partition's.
    case areas([Area])
    /// Exactly these columns, decided earlier (so several cross-sections line up).
    case fixed([Int32], String)
}

public struct CrossSection {
    public let year: Int
    /// The columns' dimension: the dataset's industries, or a synthetic one (areas, levels).
    public let columnDim: Dimension
    /// Column codes (indices into columnDim).
    public let columnCodes: [Int32]
    public let nR: Int
    public var nC: Int { columnCodes.count }
    /// x[r * nC + c]; NaN missing or absent.
    public var x: [Double]
    public var present: [Bool]
    /// Per region: whether it takes part (has data and is at the chosen level).
    public var active: [Bool]
    public let level: [Int]
    /// Per region: a group's aggregate row (compared, never part of a reference sum).
    public let aggregate: [Bool]
    /// Per region: the total over the partition (for areas: not the sum of the areas).
    public var rowTotal: [Double]
    public var missing: Int
    public var notes: [String]
    /// The source's flags on the cells used (`p (provisional) 3`), also a line of `notes`.
    public var flagged: String? = nil
    public let isAreas: Bool
    /// The partition's industry codes (before grouping into areas or levels).
    public let partitionColumns: [Int32]

    @inline(__always) public func at(_ r: Int, _ c: Int) -> Double { x[r * nC + c] }

    /// `partitionYears`: years whose industries together decide the partition (a decomposition
    /// over two years needs industries present in either, so entrants and exiters are kept).
    public static func build(_ cube: Cube, measure: Int, year: Int, registry: Registry,
                             industries: IndustryChoice = .finest, regionLevel: Int? = nil,
                             partitionYears: [Int] = []) throws(Diagnostic) -> CrossSection {
        let slice = try YearSlice.build(cube, measure: measure, year: year)
        let ind = cube.industry!
        let nR = slice.regions, nI = slice.industries
        var presentMask = (0..<nI).map { i in (0..<nR).contains { slice.present[$0 * nI + i] } }
        for y in partitionYears where y != year {
            let other = try YearSlice.build(cube, measure: measure, year: y)
            for i in 0..<nI where !presentMask[i] { presentMask[i] = (0..<nR).contains { other.present[$0 * nI + i] } }
        }
        let presentInd = (0..<nI).filter { presentMask[$0] }.map { Int32($0) }
        let partition: IndustryPartition
        if case .explicit(let codes) = industries {
            partition = try IndustryPartition.explicit(codes, dimension: ind, registry: registry)
        } else if case .fixed(let codes, let text) = industries {
            partition = IndustryPartition(columns: codes, leftOut: [], description: text)
        } else {
            partition = IndustryPartition.finest(present: presentInd, dimension: ind, registry: registry)
        }
        let level = (0..<nR).map { cube.aggregateLevels[Int32($0)] ?? registry.regionLevel(cube.region.labels[$0]) }
        let aggregate = (0..<nR).map { cube.aggregateLevels[Int32($0)] != nil }
        var active = (0..<nR).map { r in partition.columns.contains { slice.present[r * nI + Int($0)] } }
        if !partitionYears.isEmpty {
            // A region takes part if it has data in any of the years (an exit year is data too).
            for y in partitionYears where y != year {
                let other = try YearSlice.build(cube, measure: measure, year: y)
                for r in 0..<nR where !active[r] { active[r] = partition.columns.contains { other.present[r * nI + Int($0)] } }
            }
        }
        if let lv = regionLevel { for r in 0..<nR where level[r] != lv { active[r] = false } }
        var rowTotal = [Double](repeating: 0, count: nR)
        var missing = 0
        for r in 0..<nR where active[r] {
            var t = 0.0
            for c in partition.columns {
                let v = slice.at(r, Int(c))
                if v.isNaN { if slice.present[r * nI + Int(c)] { missing += 1 } } else { t += v }
            }
            rowTotal[r] = t
        }
        var notes = [partition.description]
        let used = (0..<nR).lazy.filter { active[$0] }.flatMap { r in partition.columns.lazy.map { r * nI + Int($0) } }
        let flagged = slice.flagCounts(cells: used)
        if let f = flagged { notes.append(Self.flagNotePrefix + f) }
        let summed = cube.extras.indices.filter { j in
            cube.extras[j].summable && cube.extraCodes[j].contains { $0 != cube.extraCodes[j].first }
        }.map { cube.extras[$0].name }
        if !summed.isEmpty { notes.append("summed over: " + summed.joined(separator: ", ") + " (their values partition the whole)") }
        for (j, e) in cube.extras.enumerated() {
            if let t = e.total, cube.extraCodes[j].contains(t), cube.extraCodes[j].contains(where: { $0 != t }) {
                notes.append("\(e.name): the total `\(e.labels[Int(t)])` is used (choose another value with where)")
            }
        }
        // Columns: the partition itself, or groups of its columns (levels, areas).
        var groups: [(name: String, title: String?, members: [Int])] = []
        var columnDim = ind
        var columnCodes = partition.columns
        switch industries {
        case .finest, .explicit, .fixed: break
        case .level(let lv):
            var byAncestor: [String: Int] = [:]
            for (k, c) in partition.columns.enumerated() {
                let code = ind.labels[Int(c)]
                guard let a = registry.industryAncestor(code, atLevel: lv) else {
                    throw Diagnostic(message: "industry `\(code)` has no \(lv) above it in the registry",
                                     help: "levels: division, section, a10, total; a file of A*10 groups cannot be split into sections")
                }
                if let g = byAncestor[a] { groups[g].members.append(k) } else {
                    byAncestor[a] = groups.count
                    groups.append((a, registry.industry(a)?.name, [k]))
                }
            }
            notes.append("aggregated to level \(lv): \(groups.count) groups")
        case .areas(let areas):
            var covered = Set<String>()
            for c in partition.columns { covered.formUnion(registry.industryLeaves(ind.labels[Int(c)])) }
            for a in areas {
                let absent = a.members.subtracting(covered)
                if !absent.isEmpty {
                    let list = Area(name: "", members: absent, definition: "").compactMembers
                    notes.append("area \(a.name): \(a.members.count - absent.count) of its \(a.members.count) industries are in the data (not: \(list))")
                }
                let (inside, partly) = a.match(partition.columns, ind, registry: registry)
                groups.append((a.name, a.title, inside))
                if !partly.isEmpty {
                    notes.append("area \(a.name): \(partly.joined(separator: ", ")) only partly inside, left out (the data do not split it)")
                }
            }
            notes.append("areas: each computed on its own members (they may overlap); totals are over all industries")
        }
        var x: [Double], present: [Bool]
        if groups.isEmpty && columnCodes.count == nI && columnCodes.indices.allSatisfy({ columnCodes[$0] == Int32($0) })
            && (0..<nR).allSatisfy({ r in active[r] || !(0..<nI).contains { slice.present[r * nI + $0] } }) {
            // Every industry, in order, and no region left out that has data: the slice is the
            // matrix; shared, not copied — 5 MB per year and measure at 2,000 × 300.
            x = slice.x
            present = slice.present
        } else if groups.isEmpty {
            x = [Double](repeating: .nan, count: nR * columnCodes.count)
            present = [Bool](repeating: false, count: nR * columnCodes.count)
            for r in 0..<nR where active[r] {
                for (k, c) in columnCodes.enumerated() {
                    x[r * columnCodes.count + k] = slice.at(r, Int(c))
                    present[r * columnCodes.count + k] = slice.present[r * nI + Int(c)]
                }
            }
        } else {
            let nC = groups.count
            x = [Double](repeating: .nan, count: nR * nC)
            present = [Bool](repeating: false, count: nR * nC)
            for r in 0..<nR where active[r] {
                for (g, group) in groups.enumerated() {
                    var s = 0.0, any = false
                    for k in group.members {
                        let c = Int(partition.columns[k])
                        if slice.present[r * nI + c] { any = true }
                        let v = slice.at(r, c)
                        if !v.isNaN { s += v }
                    }
                    x[r * nC + g] = any ? s : .nan
                    present[r * nC + g] = any
                }
            }
            columnDim = Dimension(name: industries.isAreas ? "area" : "industry", role: .industry,
                                  labels: groups.map(\.name), names: groups.map(\.title))
            columnCodes = (0..<nC).map(Int32.init)
        }
        return CrossSection(year: year, columnDim: columnDim, columnCodes: columnCodes, nR: nR, x: x, present: present,
                            active: active, level: level, aggregate: aggregate, rowTotal: rowTotal, missing: missing, notes: notes,
                            flagged: flagged, isAreas: industries.isAreas, partitionColumns: partition.columns)
    }

    static let flagNotePrefix = "flagged cells (as the source marked them): "

    /// Regions taking part at region r's level (the default reference set).
    public func peers(of r: Int) -> [Int] { (0..<nR).filter { active[$0] && level[$0] == level[r] && !aggregate[$0] } }

    /// Reference shares s⁰[c] for region r. Level sums (and sums of shares for `vs mean`) are
    /// kept in `cache` so that running every region costs one pass per level, not one per region.
    public func referenceShares(for r: Int, _ ref: Reference, peers: [Int], cache: inout [Int: [Double]]) -> [Double] {
        switch ref {
        case .region, .group: return referenceShares(for: r, ref, peers: peers)
        case .levelSum, .rest:
            let key = level[r] * 2
            if cache[key] == nil {
                var n = [Double](repeating: 0, count: nC + 1)
                for p in peers { for c in 0..<nC { let v = at(p, c); if !v.isNaN { n[c] += v } }; n[nC] += rowTotal[p] }
                cache[key] = n
            }
            var n = cache[key]!
            if ref == .rest {
                for c in 0..<nC { let v = at(r, c); if !v.isNaN { n[c] -= v } }
                n[nC] -= rowTotal[r]
            }
            let total = n[nC]
            return (0..<nC).map { total != 0 ? n[$0] / total : .nan }
        case .mean:
            let key = level[r] * 2 + 1
            if cache[key] == nil {
                var n = [Double](repeating: 0, count: nC + 1)
                for p in peers where rowTotal[p] != 0 {
                    for c in 0..<nC { let v = at(p, c); if !v.isNaN { n[c] += v / rowTotal[p] } }
                    n[nC] += 1
                }
                cache[key] = n
            }
            var n = cache[key]!
            if rowTotal[r] != 0 {
                for c in 0..<nC { let v = at(r, c); if !v.isNaN { n[c] -= v / rowTotal[r] } }
                n[nC] -= 1
            }
            let k = n[nC]
            return (0..<nC).map { k > 0 ? n[$0] / k : .nan }
        }
    }

    /// Reference shares s⁰[c] for region r (one region; see the cached form for many).
    public func referenceShares(for r: Int, _ ref: Reference, peers: [Int]) -> [Double] {
        if case .region(let q) = ref {
            let q = Int(q)
            return (0..<nC).map { c in let v = at(q, c); return rowTotal[q] != 0 ? (v.isNaN ? 0 : v) / rowTotal[q] : .nan }
        }
        if case .group = ref {
            let t = referenceTotals(for: r, ref, peers: peers)
            return t.byColumn.map { t.total != 0 ? $0 / t.total : .nan }
        }
        var cache: [Int: [Double]] = [:]
        return referenceShares(for: r, ref, peers: peers, cache: &cache)
    }

    /// Reference totals per column and overall for region r (absolute, not shares).
    public func referenceTotals(for r: Int, _ ref: Reference, peers: [Int]) -> (byColumn: [Double], total: Double) {
        var n = [Double](repeating: 0, count: nC)
        var total = 0.0
        switch ref {
        case .region(let q):
            for c in 0..<nC { let v = at(Int(q), c); n[c] = v.isNaN ? 0 : v }
            total = rowTotal[Int(q)]
        case .group(_, let members):
            for p in members.map(Int.init) where active[p] {
                for c in 0..<nC { let v = at(p, c); if !v.isNaN { n[c] += v } }
                total += rowTotal[p]
            }
        case .levelSum, .rest, .mean:
            for p in peers where ref != .rest || p != r {
                for c in 0..<nC { let v = at(p, c); if !v.isNaN { n[c] += v } }
                total += rowTotal[p]
            }
        }
        return (n, total)
    }

    /// The region's own shares s[r,c].
    public func shares(_ r: Int) -> [Double] {
        (0..<nC).map { c in let v = at(r, c); return v.isNaN || rowTotal[r] == 0 ? .nan : v / rowTotal[r] }
    }
}

extension IndustryChoice {
    var isAreas: Bool { if case .areas = self { return true }; return false }
}
