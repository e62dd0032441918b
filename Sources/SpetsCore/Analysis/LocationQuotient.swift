// LocationQuotient.swift — LQ (= Balassa RCA): s[r,i] / s⁰[i], methods.md "Specialisation".

public enum Reference: Equatable, Sendable {
    /// Sum of the loaded regions at the analysed region's level of the hierarchy (default).
    case levelSum
    /// The reference minus the region itself (removes self-inclusion bias).
    case rest
    /// One region's own row (e.g. `vs SE`).
    case region(Int32)
    /// The unweighted mean of the other regions' shares (Krugman `vs mean`).
    case mean
    /// The sum of a group of regions (`vs norrland`).
    case group(String, [Int32])
}

public struct LQRequest: Scoped {
    public var measure: Int
    public var year: Int
    /// Regions, reference, industries, level and the missing rule.
    public var scope = Scope()
    /// Add the binary specialisation column `m` = 1 if LQ ≥ threshold.
    public var binary = false
    public var threshold = 1.0
    /// Add the symmetric LQ column `slq` = (LQ − 1)/(LQ + 1).
    public var symmetric = false
    public init(measure: Int, year: Int, regions: [Int32]? = nil, reference: Reference = .levelSum) {
        self.measure = measure; self.year = year; self.regions = regions; self.reference = reference
    }
}

public enum LocationQuotient {
    public static func compute(_ cube: Cube, _ q: LQRequest, registry: Registry) throws(Diagnostic) -> Table {
        let cs = try CrossSection.build(cube, measure: q.measure, year: q.year, registry: registry,
                                        industries: q.industries, regionLevel: q.regionLevel, missing: q.missing, focus: q.regions)
        let regions = try outputRegions(cs, cube, q.regions, q.reference, year: q.year)
        var outR: [Int32] = [], outI: [Int32] = [], outV: [Double] = [], outLQ: [Double] = []
        let cap = regions.count * cs.nC
        outR.reserveCapacity(cap); outI.reserveCapacity(cap); outV.reserveCapacity(cap); outLQ.reserveCapacity(cap)
        var cache: [Int: [Double]] = [:], peersByLevel: [Int: [Int]] = [:]
        var levelShares: [Int: [Double]] = [:]
        for r in regions {
            if peersByLevel[cs.level[r]] == nil { peersByLevel[cs.level[r]] = cs.peers(of: r) }
            let s0: [Double]
            if q.reference == .levelSum, let c = levelShares[cs.level[r]] { s0 = c } else {
                s0 = cs.referenceShares(for: r, q.reference, peers: peersByLevel[cs.level[r]]!, cache: &cache)
                if q.reference == .levelSum { levelShares[cs.level[r]] = s0 }
            }
            let xr = cs.rowTotal[r]
            for c in 0..<cs.nC where cs.present[r * cs.nC + c] {
                let v = cs.at(r, c)
                var lq = Double.nan
                if !v.isNaN && xr != 0 && s0[c] != 0 && !s0[c].isNaN { lq = (v / xr) / s0[c] }
                outR.append(Int32(r)); outI.append(cs.columnCodes[c]); outV.append(v); outLQ.append(lq)
            }
        }
        let m = cube.measures[q.measure]
        var columns = [
            Column("region", .coded(CodeColumn(outR), cube.region), kind: .key),
            Column(cs.isAreas ? "area" : "industry", .coded(CodeColumn(outI), cs.columnDim), kind: .key),
            Column("year", .number([Double](repeating: Double(q.year), count: outR.count)), decimals: 0, kind: .key),
            Column(m.name, .number(outV), unit: m.unit),
            Column("lq", .number(outLQ), decimals: 3),
        ]
        if q.binary {
            columns.append(Column("m", .number(outLQ.map { $0.isNaN ? .nan : ($0 >= q.threshold ? 1 : 0) }), decimals: 0))
        }
        if q.symmetric {
            columns.append(Column("slq", .number(outLQ.map { ($0 - 1) / ($0 + 1) }), decimals: 3))
        }
        var footer = ["LQ = (x[r,i] / x[r,·]) / (N[i] / N), \(m.name)\(m.unit.map { " (\($0))" } ?? "") \(q.year)",
                      "reference: " + describeReference(q.reference, cube: cube, cs: cs, regions: regions, registry: registry)]
        footer += q.reference.relevant(cs.notes)
        if q.binary { footer.append("m = 1 if LQ ≥ \(NumberFormatting.exact(q.threshold)) (threshold), else 0; look at LQ beside it near the threshold") }
        if q.symmetric { footer.append("slq = (LQ − 1) / (LQ + 1), in −1..1") }
        footer.append(cs.missing > 0 ? "missing cells: \(cs.missing) (left out of totals, LQ shown as –)" : "missing cells: 0")
        return Table(columns: columns, footer: footer)
    }

    /// The regions to report: the `for` list (each must have data), or every taking part
    /// except a reference region.
    static func outputRegions(_ cs: CrossSection, _ cube: Cube, _ wanted: [Int32]?, _ ref: Reference, year: Int) throws(Diagnostic) -> [Int] {
        if case .region(let q) = ref, !cs.active[Int(q)] {
            guard let f = cs.frame else { throw Diagnostic(.referenceRegionHasNoData, cube.region.display(q), year) }
            throw f.absence(of: Int(q), in: cube).wrapped(in: .referenceRegion)
        }
        if let wanted {
            for r in wanted where !cs.active[Int(r)] {
                guard let f = cs.frame else { throw Diagnostic(.hasNoObservations, cube.region.display(r), year, cube.name) }
                throw f.absence(of: Int(r), in: cube)
            }
            return wanted.map(Int.init)
        }
        return (0..<cs.nR).filter { r in cs.active[r] && { if case .region(let q) = ref { return Int(q) != r }; return true }() }
    }

    static func describeReference(_ ref: Reference, cube: Cube, cs: CrossSection, regions: [Int], registry: Registry) -> String {
        var levels: [Int: Int] = [:]
        for r in 0..<cs.nR where cs.active[r] && !cs.aggregate[r] { levels[cs.level[r], default: 0] += 1 }
        let used = Set(regions.map { cs.level[$0] })
        levels = levels.filter { used.contains($0.key) || used.isEmpty }
        switch ref {
        case .region(let r): return "\(cube.region.display(r)) (its own row)"
        case .group(let name, let members):
            return "group \(name): sum of \(members.count) regions (" + members.prefix(8).map { cube.region.labels[Int($0)] }.joined(separator: ", ") + (members.count > 8 ? ", …)" : ")")
        case .mean:
            var text = "unweighted mean of the other regions' shares at the same level (vs mean)"
            if cs.rule != .skip, !cs.complete.isEmpty, let r0 = regions.first {
                let out = cs.peers(of: r0).filter { !cs.complete[$0] }.map { cube.region.labels[$0] }
                if !out.isEmpty {
                    text += "; regions with a missing cell have no whole structure and are not in the mean: " + out.prefix(8).joined(separator: ", ") + (out.count > 8 ? ", …" : "") + " (\(out.count))"
                }
            }
            return text
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
