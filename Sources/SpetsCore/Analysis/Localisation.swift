// Localisation.swift — how concentrated each industry is across regions: Hoover's
// localisation coefficient and the locational Gini (methods.md).

public struct LocalisationRequest {
    public var measure: Int
    public var year: Int
    public var industries: IndustryChoice = .finest
    public var regionLevel: Int? = nil
    /// The Gini on EconGeo's 0–0.5 scale.
    public var half = false
    public init(measure: Int, year: Int) { self.measure = measure; self.year = year }
}

public enum Localisation {
    public static func compute(_ cube: Cube, _ q: LocalisationRequest, registry: Registry) throws(Diagnostic) -> Table {
        var cs = try CrossSection.build(cube, measure: q.measure, year: q.year, registry: registry,
                                        industries: q.industries, regionLevel: q.regionLevel)
        // One level of regions: the chosen one, else the level with most regions.
        var counts: [Int: Int] = [:]
        for r in 0..<cs.nR where cs.active[r] { counts[cs.level[r], default: 0] += 1 }
        let level = q.regionLevel ?? counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
        for r in 0..<cs.nR where cs.level[r] != level { cs.active[r] = false }
        let regions = (0..<cs.nR).filter { cs.active[$0] }
        let total = regions.reduce(0.0) { $0 + cs.rowTotal[$1] }
        var hoover: [Double] = [], gini: [Double] = []
        for c in 0..<cs.nC {
            let xi = regions.map { r -> Double in let v = cs.at(r, c); return v.isNaN ? 0 : v }
            let ni = xi.reduce(0, +)
            guard ni > 0, total > 0 else { hoover.append(.nan); gini.append(.nan); continue }
            var h = 0.0
            for (k, r) in regions.enumerated() { h += abs(xi[k] / ni - cs.rowTotal[r] / total) }
            hoover.append(h / 2)
            // Lorenz curve: regions by LQ ascending; x = share of the total, y = of the industry.
            let order = regions.indices.sorted { a, b in
                let la = cs.rowTotal[regions[a]] > 0 ? (xi[a] / cs.rowTotal[regions[a]]) : 0
                let lb = cs.rowTotal[regions[b]] > 0 ? (xi[b] / cs.rowTotal[regions[b]]) : 0
                return la != lb ? la < lb : a < b
            }
            var x = 0.0, y = 0.0, area = 0.0
            for k in order {
                let nx = x + cs.rowTotal[regions[k]] / total, ny = y + xi[k] / ni
                area += (nx - x) * (y + ny) / 2
                x = nx; y = ny
            }
            let g = 1 - 2 * area
            gini.append(q.half ? g / 2 : g)
        }
        let m = cube.measures[q.measure]
        return Table(columns: [
            Column(cs.isAreas ? "area" : "industry", .coded(cs.columnCodes, cs.columnDim), kind: .key),
            Column("hoover", .number(hoover), decimals: 4),
            Column("gini", .number(gini), decimals: 4),
        ], footer: ["localisation of \(m.name) \(q.year) over the \(regions.count) regions\(level >= 0 ? " at level \(registry.levelName(level))" : ""): Hoover ½ Σ_r |x[r,i]/x[·,i] − x[r,·]/x[·,·]| (0–1); locational Gini 1 − 2·(area under the Lorenz curve, regions by LQ ascending)\(q.half ? " ÷ 2 (half: EconGeo's 0–0.5 scale)" : " (0–1)")"]
            + cs.notes + [cs.missing > 0 ? "missing cells: \(cs.missing)" : "missing cells: 0"])
    }
}
