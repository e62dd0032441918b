// LocationQuotient.swift — LQ (= Balassa RCA): s[r,i] / s⁰[i], methods.md "Specialisation".

public enum Reference: Equatable, Sendable {
    /// Sum of the loaded regions at the analysed region's level of the hierarchy (default).
    case levelSum
    /// The reference minus the region itself (removes self-inclusion bias).
    case rest
    /// One region's own row (e.g. `vs SE`).
    case region(Int32)
}

public struct LQRequest {
    public var measure: Int
    public var year: Int
    public var regions: [Int32]?
    public var reference: Reference
    public init(measure: Int, year: Int, regions: [Int32]? = nil, reference: Reference = .levelSum) {
        self.measure = measure; self.year = year; self.regions = regions; self.reference = reference
    }
}

public enum LocationQuotient {
    public static func compute(_ cube: Cube, _ q: LQRequest, registry: Registry) throws(Diagnostic) -> Table {
        let slice = try YearSlice.build(cube, measure: q.measure, year: q.year)
        let ind = cube.industry!
        let nR = slice.regions, nI = slice.industries
        // Industries: leave out a TOTAL row when there are others, so it is not double counted.
        var use = [Bool](repeating: true, count: nI)
        var dropped: [String] = []
        if nI > 1 {
            for i in 0..<nI where registry.industry(ind.labels[i])?.level == "total" || ind.labels[i].uppercased() == "TOTAL" {
                use[i] = false; dropped.append(ind.labels[i])
            }
        }
        let hasData = (0..<nR).map { r in (0..<nI).contains { slice.present[r * nI + $0] } }
        let level = (0..<nR).map { registry.regionLevel(cube.region.labels[$0]) }
        // Row totals and the reference industry totals per level.
        var rowTotal = [Double](repeating: 0, count: nR)
        var levelTotals: [Int: [Double]] = [:]
        var levelCount: [Int: Int] = [:]
        for r in 0..<nR where hasData[r] {
            var t = 0.0
            var lt = levelTotals[level[r]] ?? [Double](repeating: 0, count: nI)
            for i in 0..<nI where use[i] {
                let v = slice.at(r, i)
                if !v.isNaN { t += v; lt[i] += v }
            }
            rowTotal[r] = t
            levelTotals[level[r]] = lt
            levelCount[level[r], default: 0] += 1
        }
        let regions: [Int] = q.regions.map { $0.map(Int.init) } ?? (0..<nR).filter { r in
            hasData[r] && { if case .region(let ref) = q.reference { return Int(ref) != r }; return true }()
        }
        var refVector: [Double]? = nil
        if case .region(let ref) = q.reference {
            let rr = Int(ref)
            guard hasData[rr] else {
                throw Diagnostic(message: "reference region \(cube.region.labels[rr]) has no data for \(q.year)")
            }
            refVector = (0..<nI).map { i in use[i] ? (slice.at(rr, i).isNaN ? 0 : slice.at(rr, i)) : 0 }
        }
        var outR: [Int32] = [], outI: [Int32] = [], outV: [Double] = [], outLQ: [Double] = []
        let cap = regions.count * nI
        outR.reserveCapacity(cap); outI.reserveCapacity(cap); outV.reserveCapacity(cap); outLQ.reserveCapacity(cap)
        for r in regions {
            guard hasData[r] else {
                throw Diagnostic(message: "\(cube.region.display(Int32(r))) has no observations in \(q.year) in \(cube.name)")
            }
            var ref = refVector ?? levelTotals[level[r]]!
            if q.reference == .rest { for i in 0..<nI { let v = slice.at(r, i); if !v.isNaN { ref[i] -= v } } }
            var refTotal = 0.0
            for i in 0..<nI where use[i] { refTotal += ref[i] }
            let xr = rowTotal[r]
            for i in 0..<nI where use[i] && slice.present[r * nI + i] {
                let v = slice.at(r, i)
                var lq = Double.nan
                if !v.isNaN && xr != 0 && ref[i] != 0 && refTotal != 0 { lq = (v / xr) / (ref[i] / refTotal) }
                outR.append(Int32(r)); outI.append(Int32(i)); outV.append(v); outLQ.append(lq)
            }
        }
        let m = cube.measures[q.measure]
        var footer = ["LQ = (x[r,i] / x[r,·]) / (N[i] / N), \(m.name)\(m.unit.map { " (\($0))" } ?? "") \(q.year)",
                      "reference: " + describeReference(q.reference, cube: cube, levels: levelCount, registry: registry)]
        var notes: [String] = []
        if slice.missing > 0 { notes.append("missing cells: \(slice.missing) (left out of totals, LQ shown as –)") }
        else { notes.append("missing cells: 0") }
        if !dropped.isEmpty { notes.append("left out as an aggregate of the others: \(dropped.joined(separator: ", "))") }
        footer += notes
        return Table(columns: [
            Column("region", .coded(outR, cube.region), kind: .key),
            Column("industry", .coded(outI, ind), kind: .key),
            Column("year", .number([Double](repeating: Double(q.year), count: outR.count)), decimals: 0, kind: .key),
            Column(m.name, .number(outV), unit: m.unit),
            Column("lq", .number(outLQ), decimals: 3),
        ], footer: footer)
    }

    static func describeReference(_ ref: Reference, cube: Cube, levels: [Int: Int], registry: Registry) -> String {
        switch ref {
        case .region(let r): return "\(cube.region.display(r)) (its own row)"
        case .rest, .levelSum:
            let what: String
            if levels.count == 1, let (l, n) = levels.first {
                what = n == 1 ? "the only loaded region (LQ = 1 by construction)"
                    : l < 0 ? "sum of all \(n) loaded regions" : "sum of the \(n) loaded regions at level \(registry.levelName(l))"
            } else {
                let parts = levels.keys.sorted().map { "\(registry.levelName($0)): \(levels[$0]!)" }
                what = "sum of the loaded regions at each region's own level (\(parts.joined(separator: ", ")))"
            }
            return ref == .rest ? what + ", minus the region itself (vs rest)" : what
        }
    }
}
