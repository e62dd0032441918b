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

    /// Per (region, column): the cell takes part under the frame (a group: all its members).
    public var used: [Bool] = []
    /// Per region: every column is used (indices over the whole vector are defined).
    public var complete: [Bool] = []
    /// The missing-cell rule of the frame it was cut from.
    public var rule: MissingRule { frame?.rule ?? .out }
    /// The frame it was cut from (for errors that name a region's years).
    public var frame: CellFrame? = nil

    /// One year and measure: the frame is built from this slice alone. `partitionYears`:
    /// years whose industries together decide the columns (indicator series).
    public static func build(_ cube: Cube, measure: Int, year: Int, registry: Registry,
                             industries: IndustryChoice = .finest, regionLevel: Int? = nil,
                             partitionYears: [Int] = [], missing: MissingRule = .out, focus: [Int32]? = nil) throws(Diagnostic) -> CrossSection {
        let frame = try CellFrame.build(cube, measures: [measure], years: [year], registry: registry, industries: industries,
                                        regionLevel: regionLevel, rule: missing, partitionYears: partitionYears, focus: focus)
        return try build(cube, frame: frame, year: 0, measure: 0, registry: registry, industries: industries)
    }

    /// Year `y` and measure `m` (indices into the frame's) as a cross-section under the frame.
    public static func build(_ cube: Cube, frame: CellFrame, year y: Int, measure m: Int, registry: Registry,
                             industries: IndustryChoice) throws(Diagnostic) -> CrossSection {
        let slice = frame.slices[y][m]
        let year = frame.years[y]
        let ind = cube.industry!
        let nR = slice.regions, nI = slice.industries
        let whole = frame.whole
        let level = frame.level
        let aggregate = (0..<nR).map { cube.aggregateLevels[Int32($0)] != nil }
        let active = frame.takesPart
        var rowTotal = [Double](repeating: 0, count: nR)
        for r in 0..<nR where active[r] {
            var t = 0.0
            for c in whole.columns { let v = frame.value(y, m, r, Int(c)); if !v.isNaN { t += v } }
            rowTotal[r] = t
        }
        var notes = [whole.description] + frame.notes
        // Flags of the cells read (a left-out cell's flag often says why it is missing).
        let read = (0..<nR).lazy.filter { active[$0] }.flatMap { r in whole.columns.lazy.map { r * nI + Int($0) } }
        let flagged = slice.flagCounts(cells: read)
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
        let partition = IndustryPartition(columns: frame.shown, leftOut: whole.leftOut, description: whole.description)
        // Columns: the partition itself, or groups of its columns (levels, areas).
        // Members are industry codes of the dataset.
        var groups: [(name: String, title: String?, members: [Int32])] = []
        var columnDim = ind
        var columnCodes = partition.columns
        switch industries {
        case .finest, .explicit, .fixed: break
        case .level(let lv):
            var byAncestor: [String: Int] = [:]
            for c in partition.columns {
                let code = ind.labels[Int(c)]
                guard let a = registry.industryAncestor(code, atLevel: lv) else {
                    throw Diagnostic(.industryHasNoAboveRegistry, code, lv,
                                     help: "levels: division, section, a10, total; a file of A*10 groups cannot be split into sections")
                }
                if let g = byAncestor[a] { groups[g].members.append(c) } else {
                    byAncestor[a] = groups.count
                    groups.append((a, registry.industry(a)?.name, [c]))
                }
            }
            notes.append("aggregated to level \(lv): \(groups.count) groups")
        case .areas(let areas):
            // Any observed code may serve an area (C inside an area, although the partition
            // has B-E), but never one inside another chosen code (no double count).
            let candidates = partition.columns + partition.leftOut
            var covered = Set<String>()
            for c in candidates { covered.formUnion(registry.industryLeaves(ind.labels[Int(c)])) }
            for a in areas {
                let absent = a.members.subtracting(covered)
                if !absent.isEmpty {
                    let list = Area(name: "", members: absent, definition: "").compactMembers
                    notes.append("area \(a.name): \(a.members.count - absent.count) of its \(a.members.count) industries are in the data (not: \(list))")
                }
                let (insideAt, partly) = a.match(candidates, ind, registry: registry)
                groups.append((a.name, a.title, insideAt.map { candidates[$0] }))
                if !partly.isEmpty {
                    notes.append("area \(a.name): \(partly.joined(separator: ", ")) only partly inside, left out (the data do not split it)")
                }
            }
            notes.append("areas: each computed on its own members (they may overlap); totals are over all industries")
        }
        var x: [Double], present: [Bool], usedCells: [Bool]
        let sharesSlice = groups.isEmpty && columnCodes.count == nI && columnCodes.indices.allSatisfy({ columnCodes[$0] == Int32($0) })
            && (0..<nR).allSatisfy({ r in !active[r] || (0..<nI).allSatisfy { i in let k = r * nI + i; return frame.used[k] == (slice.present[k] && !slice.x[k].isNaN) } })
        if sharesSlice {
            // Every industry, in order, and the frame changes no cell: the slice is the
            // matrix; shared, not copied — 5 MB per year and measure at 2,000 × 300.
            x = slice.x
            present = slice.present
            usedCells = frame.used
        } else if groups.isEmpty {
            let nC = columnCodes.count
            x = [Double](repeating: .nan, count: nR * nC)
            present = [Bool](repeating: false, count: nR * nC)
            usedCells = [Bool](repeating: false, count: nR * nC)
            for r in 0..<nR where active[r] {
                for (k, c) in columnCodes.enumerated() {
                    x[r * nC + k] = frame.value(y, m, r, Int(c))
                    present[r * nC + k] = slice.present[r * nI + Int(c)]
                    usedCells[r * nC + k] = frame.isUsed(r, Int(c))
                }
            }
        } else {
            let nC = groups.count
            x = [Double](repeating: .nan, count: nR * nC)
            present = [Bool](repeating: false, count: nR * nC)
            usedCells = [Bool](repeating: false, count: nR * nC)
            for r in 0..<nR where active[r] {
                for (g, group) in groups.enumerated() {
                    // A group is known only when every member is (a left-out member would
                    // make its sum an understatement).
                    var s = 0.0, any = false, all = true
                    for member in group.members {
                        let c = Int(member)
                        if slice.present[r * nI + c] { any = true }
                        let v = frame.value(y, m, r, c)
                        if v.isNaN { all = false } else { s += v }
                    }
                    x[r * nC + g] = all ? s : .nan
                    present[r * nC + g] = any || all
                    usedCells[r * nC + g] = all
                }
            }
            columnDim = Dimension(name: industries.isAreas ? "area" : "industry", role: .industry,
                                  labels: groups.map(\.name), names: groups.map(\.title))
            columnCodes = (0..<nC).map(Int32.init)
        }
        let nC = columnCodes.count
        let complete = (0..<nR).map { r in active[r] && (0..<nC).allSatisfy { usedCells[r * nC + $0] } }
        var missing = 0
        for r in 0..<nR where active[r] && (frame.focusLevels?.contains(level[r]) ?? true) { for c in 0..<nC where !usedCells[r * nC + c] { missing += 1 } }
        var cs = CrossSection(year: year, columnDim: columnDim, columnCodes: columnCodes, nR: nR, x: x, present: present,
                              active: active, level: level, aggregate: aggregate, rowTotal: rowTotal, missing: missing, notes: notes,
                              flagged: flagged, isAreas: industries.isAreas, partitionColumns: partition.columns)
        cs.used = usedCells
        cs.complete = complete
        cs.frame = frame
        return cs
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
                // The mean of whole structures: a peer with a left-out cell has none (unless
                // `missing skip`, where each share is of the observed total).
                for p in peers where rowTotal[p] != 0 && (rule == .skip || complete.isEmpty || complete[p]) {
                    for c in 0..<nC { let v = at(p, c); if !v.isNaN { n[c] += v / rowTotal[p] } }
                    n[nC] += 1
                }
                cache[key] = n
            }
            var n = cache[key]!
            if rowTotal[r] != 0 && (rule == .skip || complete.isEmpty || complete[r]) {
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
            // A left-out cell of the reference region has no share (missing, not zero).
            return (0..<nC).map { c in let v = at(q, c); return rowTotal[q] != 0 ? v / rowTotal[q] : .nan }
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
            for c in 0..<nC { n[c] = at(Int(q), c) }   // NaN where the reference region's cell is left out
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
