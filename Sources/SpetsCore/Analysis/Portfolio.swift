// Portfolio.swift — the table behind the portfolio (bubble) chart: per industry, LQ at the
// end year, its change, regional and national growth, and size.

public struct PortfolioRequest: Scoped {
    public var measure: Int
    public var from: Int
    public var to: Int
    public var region: Int32
    /// Regions, reference, industries, level and the missing rule.
    public var scope = Scope()
    public init(measure: Int, from: Int, to: Int, region: Int32) {
        self.measure = measure; self.from = from; self.to = to; self.region = region
    }
}

public enum Portfolio {
    public static func compute(_ cube: Cube, _ q: PortfolioRequest, registry: Registry) throws(Diagnostic) -> Table {
        try PeriodOrder.check(q.from, q.to)
        // Both years under one frame: the LQs and growths of the two years are over the same cells.
        let pd = try PeriodData.build(cube, measures: [q.measure], years: [q.from, q.to], registry: registry,
                                      industries: q.industries, missing: q.missing, focus: [q.region])
        let end = pd.sections[1][0]
        var start = pd.sections[0][0]
        let r = Int(q.region)
        guard pd.active(r) else { throw pd.frame.absence(of: r, in: cube) }
        // Match start-year columns to the end year's by code.
        var startIndex: [String: Int] = [:]
        for c in 0..<start.nC { startIndex[start.columnDim.labels[Int(start.columnCodes[c])]] = c }
        start.notes = []
        let s1 = end.referenceShares(for: r, q.reference, peers: end.peers(of: r))
        let s0 = start.referenceShares(for: r, q.reference, peers: start.peers(of: r))
        let peers1 = end.peers(of: r), peers0 = start.peers(of: r)
        func national(_ cs: CrossSection, _ c: Int, _ peers: [Int]) -> Double {
            var n = 0.0
            for p in peers where q.reference != .rest || p != r { let v = cs.at(p, c); if !v.isNaN { n += v } }
            if case .region(let ref) = q.reference { let v = cs.at(Int(ref), c); return v.isNaN ? 0 : v }
            return n
        }
        var codes: [Int32] = [], size: [Double] = [], lq: [Double] = [], dlq: [Double] = [], g: [Double] = [], gn: [Double] = []
        for c in 0..<end.nC where end.present[r * end.nC + c] {
            let v1 = end.at(r, c)
            let l1 = v1.isNaN || end.rowTotal[r] == 0 || !(s1[c] > 0) ? Double.nan : (v1 / end.rowTotal[r]) / s1[c]
            var l0 = Double.nan, growth = Double.nan, ngrowth = Double.nan
            if let c0 = startIndex[end.columnDim.labels[Int(end.columnCodes[c])]] {
                let v0 = start.at(r, c0)
                if !v0.isNaN && start.rowTotal[r] != 0 && s0[c0] > 0 { l0 = (v0 / start.rowTotal[r]) / s0[c0] }
                if !v0.isNaN && v0 != 0 && !v1.isNaN { growth = v1 / v0 - 1 }
                let n0 = national(start, c0, peers0), n1 = national(end, c, peers1)
                if n0 != 0 { ngrowth = n1 / n0 - 1 }
            }
            codes.append(end.columnCodes[c]); size.append(v1); lq.append(l1); dlq.append(l1 - l0); g.append(growth); gn.append(ngrowth)
        }
        let m = cube.measures[q.measure]
        return Table(columns: [
            Column("region", .coded(CodeColumn([Int32](repeating: q.region, count: codes.count)), cube.region), kind: .key),
            Column(end.isAreas ? "area" : "industry", .coded(CodeColumn(codes), end.columnDim), kind: .key),
            Column(m.name, .number(size), unit: m.unit),
            Column("lq", .number(lq), decimals: 3),
            Column("lq_change", .number(dlq), decimals: 3),
            Column("growth", .number(g), decimals: 3),
            Column("national_growth", .number(gn), decimals: 3),
        ], footer: ["portfolio of \(cube.region.display(q.region)), \(m.name) \(q.from)→\(q.to): size and LQ in \(q.to), LQ change since \(q.from), growth = x¹/x⁰ − 1 for the region and for the reference",
                    "reference: " + LocationQuotient.describeReference(q.reference, cube: cube, cs: end, regions: [r], registry: registry)]
            + end.notes)
    }
}
