// Localisation.swift — how concentrated each industry is across regions: Hoover's
// localisation coefficient and the locational Gini (methods.md).

public struct LocalisationRequest: Scoped {
    public var measure: Int
    public var year: Int
    /// Regions, reference, industries, level and the missing rule.
    public var scope = Scope()
    /// The Gini on EconGeo's 0–0.5 scale.
    public var half = false
    public init(measure: Int, year: Int) { self.measure = measure; self.year = year }
}

public enum Localisation {
    /// The Lorenz curve: regions by LQ ascending (ties in region order); x = cumulative share
    /// of all of the measure, y = of the industry's. `order` indexes the given regions.
    static func lorenz(_ rowTotals: [Double], _ xi: [Double], total: Double, industryTotal ni: Double)
        -> (order: [Int], x: [Double], y: [Double], area: Double) {
        let order = xi.indices.sorted { a, b in
            let la = rowTotals[a] > 0 ? xi[a] / rowTotals[a] : 0
            let lb = rowTotals[b] > 0 ? xi[b] / rowTotals[b] : 0
            return la != lb ? la < lb : a < b
        }
        var x = 0.0, y = 0.0, area = 0.0, xs: [Double] = [], ys: [Double] = []
        for k in order {
            let nx = x + rowTotals[k] / total, ny = y + xi[k] / ni
            area += (nx - x) * (y + ny) / 2
            x = nx; y = ny
            xs.append(x); ys.append(y)
        }
        return (order, xs, ys, area)
    }

    /// The cross-section over one level of regions: the chosen one, else the level with most regions.
    static func section(_ cube: Cube, measure: Int, year: Int, industries: IndustryChoice, regionLevel: Int?, registry: Registry,
                        missing: MissingRule = .out)
        throws(Diagnostic) -> (cs: CrossSection, regions: [Int], level: Int, total: Double) {
        var cs = try CrossSection.build(cube, measure: measure, year: year, registry: registry,
                                        industries: industries, regionLevel: regionLevel, missing: missing)
        var counts: [Int: Int] = [:]
        for r in 0..<cs.nR where cs.active[r] { counts[cs.level[r], default: 0] += 1 }
        let level = regionLevel ?? counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
        for r in 0..<cs.nR where cs.level[r] != level { cs.active[r] = false }
        let regions = (0..<cs.nR).filter { cs.active[$0] }
        return (cs, regions, level, regions.reduce(0.0) { $0 + cs.rowTotal[$1] })
    }

    public static func compute(_ cube: Cube, _ q: LocalisationRequest, registry: Registry) throws(Diagnostic) -> Table {
        let (cs, allRegions, level, _) = try section(cube, measure: q.measure, year: q.year, industries: q.industries,
                                                     regionLevel: q.regionLevel, registry: registry, missing: q.missing)
        var hoover: [Double] = [], gini: [Double] = []
        var incomplete: [String] = []
        for c in 0..<cs.nC {
            // The industry's vector over regions: every region, or (missing skip) the regions
            // observed for it, the totals restricted to the same regions.
            let regions = allRegions.filter { cs.used[$0 * cs.nC + c] }
            if regions.count < allRegions.count {
                let code = cs.columnDim.labels[Int(cs.columnCodes[c])]
                let gaps = allRegions.filter { !cs.used[$0 * cs.nC + c] }.map { cube.region.labels[$0] }
                incomplete.append("\(code) (\(gaps.prefix(3).joined(separator: ", "))\(gaps.count > 3 ? ", …" : ""))")
                if q.missing == .out { hoover.append(.nan); gini.append(.nan); continue }
            }
            let total = regions.reduce(0.0) { $0 + cs.rowTotal[$1] }
            let xi = regions.map { cs.at($0, c) }
            let ni = xi.reduce(0, +)
            guard ni > 0, total > 0 else { hoover.append(.nan); gini.append(.nan); continue }
            var h = 0.0
            for (k, r) in regions.enumerated() { h += abs(xi[k] / ni - cs.rowTotal[r] / total) }
            hoover.append(h / 2)
            let area = lorenz(regions.map { cs.rowTotal[$0] }, xi, total: total, industryTotal: ni).area
            let g = 1 - 2 * area
            gini.append(q.half ? g / 2 : g)
        }
        var notes = cs.notes
        if !incomplete.isEmpty {
            notes.append((q.missing == .out ? "industries with a missing region cell (shown as –; `missing skip` computes them on the observed regions): "
                                            : "industries computed on their observed regions (missing skip): ")
                         + incomplete.prefix(6).joined(separator: ", ") + (incomplete.count > 6 ? ", … (\(incomplete.count))" : ""))
        }
        let regions = allRegions
        let m = cube.measures[q.measure]
        return Table(columns: [
            Column(cs.isAreas ? "area" : "industry", .coded(CodeColumn(cs.columnCodes), cs.columnDim), kind: .key),
            Column("hoover", .number(hoover), decimals: 4),
            Column("gini", .number(gini), decimals: 4),
        ], footer: ["localisation of \(m.name) \(q.year) over the \(regions.count) regions\(level >= 0 ? " at level \(registry.levelName(level))" : ""): Hoover ½ Σ_r |x[r,i]/x[·,i] − x[r,·]/x[·,·]| (0–1); locational Gini 1 − 2·(area under the Lorenz curve, regions by LQ ascending)\(q.half ? " ÷ 2 (half: EconGeo's 0–0.5 scale)" : " (0–1)")"]
            + notes + [cs.missing > 0 ? "missing cells: \(cs.missing)" : "missing cells: 0"])
    }

    /// One industry's Lorenz curve as a table (the points `plot … as lorenz` draws).
    public static func curve(_ cube: Cube, measure: Int, year: Int, industry: String, regionLevel: Int?, registry: Registry) throws(Diagnostic) -> Table {
        let (cs, regions, level, total) = try section(cube, measure: measure, year: year, industries: .finest,
                                                      regionLevel: regionLevel, registry: registry)
        let want = Text.fold(industry)
        guard let c = (0..<cs.nC).first(where: { Text.fold(cs.columnDim.labels[Int(cs.columnCodes[$0])]) == want })
                ?? (0..<cs.nC).first(where: { cs.columnDim.names[Int(cs.columnCodes[$0])].map { Text.fold($0) == want } ?? false }) else {
            throw Diagnostic(.industryAmongFinestIndustries, industry, cube.name, year,
                             help: "industries: " + (0..<min(cs.nC, 12)).map { cs.columnDim.labels[Int(cs.columnCodes[$0])] }.joined(separator: ", ") + (cs.nC > 12 ? ", …" : ""))
        }
        let xi = regions.map { r -> Double in let v = cs.at(r, c); return v.isNaN ? 0 : v }
        let ni = xi.reduce(0, +)
        guard ni > 0, total > 0 else { throw Diagnostic(.industryHasNo, industry, cube.measures[measure].name, year) }
        let l = lorenz(regions.map { cs.rowTotal[$0] }, xi, total: total, industryTotal: ni)
        let m = cube.measures[measure]
        let code = cs.columnDim.labels[Int(cs.columnCodes[c])]
        let name = cs.columnDim.names[Int(cs.columnCodes[c])].map { code + " " + $0 } ?? code
        let g = 1 - 2 * l.area
        return Table(columns: [
            Column("region", .coded(CodeColumn(l.order.map { Int32(regions[$0]) }), cube.region), kind: .key),
            Column(m.name, .number(l.order.map { xi[$0] }), unit: m.unit),
            Column("lq", .number(l.order.map { k in cs.rowTotal[regions[k]] > 0 ? (xi[k] / cs.rowTotal[regions[k]]) / (ni / total) : .nan }), decimals: 3),
            Column("cum_total", .number(l.x), decimals: 4),
            Column("cum_industry", .number(l.y), decimals: 4),
        ], footer: ["Lorenz curve of \(name), \(m.name) \(year): regions by LQ ascending; cum_total = cumulative share of all \(m.name), cum_industry = of the industry's",
                    "locational Gini = 1 − 2·(area under the curve) = \(NumberFormatting.fixed(g, decimals: 4)) over the \(regions.count) regions\(level >= 0 ? " at level \(registry.levelName(level))" : "")"]
            + cs.notes)
    }
}
