// ShiftShare.swift — where a region's change comes from: national growth, industry mix and
// the regional (competitive) shift; Esteban-Marquillas, dynamic (Barff-Knight) and the
// multiplicative (Gerfin) variants (methods.md "Shift-share").

public enum ShiftShareMethod: String, CaseIterable, Sendable { case classic, esteban, dynamic, gerfin }

public struct ShiftShareRequest: Scoped {
    public var measure: Int
    public var from: Int
    public var to: Int
    /// Regions, reference, industries, level and the missing rule.
    public var scope = Scope()
    public var method: ShiftShareMethod = .classic
    public init(measure: Int, from: Int, to: Int) { self.measure = measure; self.from = from; self.to = to }
}

/// The classic components of one cell over one period.
struct ShiftShareCell {
    var ns = 0.0, im = 0.0, rs = 0.0
    /// e⁰ G, e⁰(g − G), e¹ − e⁰(1 + g): a zero base counts in full in RS (never NaN).
    static func of(e0: Double, e1: Double, g: Double, G: Double) -> ShiftShareCell {
        if e0 == 0 { return ShiftShareCell(ns: 0, im: 0, rs: e1) }
        return ShiftShareCell(ns: e0 * G, im: e0 * (g - G), rs: e1 - e0 * (1 + g))
    }
}

public enum ShiftShare {
    public static func compute(_ cube: Cube, _ q: ShiftShareRequest, registry: Registry) throws(Diagnostic) -> Table {
        try PeriodOrder.check(q.from, q.to)
        var years = [q.from, q.to]
        if q.method == .dynamic {
            // The periods run between the dataset's consecutive years in the window.
            years = cube.distinctYears.filter { $0 >= q.from && $0 <= q.to }
        }
        let pd = try PeriodData.build(cube, measures: [q.measure], years: years, registry: registry,
                                      industries: q.industries, regionLevel: q.regionLevel, missing: q.missing, focus: q.regions)
        let regions = try DecompositionRegions.pick(pd, cube, q.regions, q.reference, first: q.from)
        let nC = pd.nC, last = years.count - 1
        var b = DecompositionTable(pd: pd, cube: cube, multi: regions.count > 1 || q.regions == nil, blocks: regions.count)
        var extra: [[Double]] = Array(repeating: [], count: q.method == .esteban ? 3 : q.method == .gerfin ? 2 : 0)
        var exact = Exactness(), exactEM = Exactness()
        var missing = 0
        // Dynamic: a region lacking a year of the window does not take part (the frame names
        // it in the footer; asking for it is an error naming the years).
        var cache: [Int: (byColumn: [Double], total: Double)] = [:]
        for r in regions {
            // Reference totals per year.
            let refs = (0...last).map { pd.referenceTotals($0, 0, for: r, q.reference, cache: &cache) }
            var rows: [[Double]] = []   // per column: base, end, ns, im, rs, change
            var tot = [Double](repeating: 0, count: 6)
            var tExtra = [Double](repeating: 0, count: extra.count)
            let e0t = (0..<nC).reduce(0.0) { let v = pd.value(0, 0, r, $1); return $0 + (v.isNaN ? 0 : v) }
            let e1t = (0..<nC).reduce(0.0) { let v = pd.value(last, 0, r, $1); return $0 + (v.isNaN ? 0 : v) }
            var expected = 0.0   // Σ e⁰(1 + g) for Gerfin
            for c in 0..<nC {
                let e0 = pd.value(0, 0, r, c), e1 = pd.value(last, 0, r, c)
                var cell = ShiftShareCell()
                var bad = e0.isNaN || e1.isNaN
                if !bad {
                    for k in 0..<last {
                        let a = pd.value(k, 0, r, c), z = pd.value(k + 1, 0, r, c)
                        if a.isNaN || z.isNaN { bad = true; break }
                        let N0 = refs[k], N1 = refs[k + 1]
                        let g = N0.byColumn[c] != 0 ? N1.byColumn[c] / N0.byColumn[c] - 1 : Double.nan
                        let G = N1.total / N0.total - 1
                        if a != 0 && g.isNaN { bad = true; break }
                        let part = ShiftShareCell.of(e0: a, e1: z, g: g, G: G)
                        cell.ns += part.ns; cell.im += part.im; cell.rs += part.rs
                    }
                }
                if bad {
                    missing += 1
                    rows.append([e0, e1, .nan, .nan, .nan, .nan])
                    for k in 0..<extra.count { extra[k].append(.nan) }
                    if q.method == .esteban && refs[0].total != 0 {
                        // The homothetic size needs only the region's total and the reference:
                        // known even when the cell is not, so the TOTAL stays the region's total.
                        let h = e0t * refs[0].byColumn[c] / refs[0].total
                        extra[0][extra[0].count - 1] = h
                        tExtra[0] += h
                    }
                    continue
                }
                let row = [e0, e1, cell.ns, cell.im, cell.rs, e1 - e0]
                exact.check(total: e1 - e0, parts: [cell.ns, cell.im, cell.rs])
                rows.append(row)
                for k in 0..<6 { tot[k] += row[k] }
                let N0 = refs[0], N1 = refs[last]
                let g = N0.byColumn[c] != 0 ? N1.byColumn[c] / N0.byColumn[c] - 1 : Double.nan
                switch q.method {
                case .esteban:
                    let h = N0.total != 0 ? e0t * N0.byColumn[c] / N0.total : .nan
                    let comp = e0 == 0 ? 0 : h * (e1 / e0 - 1 - g)
                    let alloc = e0 == 0 ? cell.rs : (e0 - h) * (e1 / e0 - 1 - g)
                    exactEM.check(total: cell.rs, parts: [comp, alloc])
                    extra[0].append(h); extra[1].append(comp); extra[2].append(alloc)
                    tExtra[0] += h; tExtra[1] += comp; tExtra[2] += alloc
                case .gerfin:
                    let G = N1.total / N0.total - 1
                    extra[0].append((1 + g) / (1 + G))
                    extra[1].append(e0 == 0 ? .nan : (e1 / e0) / (1 + g))
                    if !g.isNaN { expected += e0 * (1 + g) }
                default: break
                }
            }
            if q.method == .gerfin {
                let N0 = refs[0], N1 = refs[last]
                tExtra[0] = (expected / e0t) / (N1.total / N0.total)
                tExtra[1] = (e1t / e0t) / (expected / e0t)
                exactEM.checkRatio(total: (e1t / e0t) / (N1.total / N0.total), factors: [tExtra[0], tExtra[1]])
            }
            exact.check(total: tot[5], parts: [tot[2], tot[3], tot[4]])
            for k in 0..<extra.count { extra[k].append(tExtra[k]) }
            b.addBlock(region: r, rows: rows, total: tot)
        }
        let m = cube.measures[q.measure]
        var names = ["base", "end", "national_share", "industry_mix", "regional_shift", "change"]
        var t = b.table(names, unit: m.unit)
        t.parts = ColumnParts(components: ["national_share", "industry_mix", "regional_shift"], total: "change")
        switch q.method {
        case .esteban:
            for (k, n) in ["homothetic", "competitive", "allocation"].enumerated() { t.columns.append(Column(n, .number(extra[k]), unit: m.unit)) }
        case .gerfin:
            for (k, n) in ["structural_factor", "regional_factor"].enumerated() { t.columns.append(Column(n, .number(extra[k]), decimals: 4)) }
        default: break
        }
        names = []
        var footer = ["shift-share (\(q.method.rawValue)) of \(m.name) \(q.from)→\(q.to): national share e⁰·G, industry mix e⁰·(g_i − G), regional shift e¹ − e⁰(1 + g_i) (a zero base counts in full)"]
        switch q.method {
        case .esteban: footer.append("Esteban-Marquillas: homothetic h_i = e⁰·N⁰_i/N⁰; competitive h_i(r_i − g_i) + allocation (e⁰_i − h_i)(r_i − g_i) = regional shift")
        case .dynamic: footer.append("dynamic (Barff-Knight): the classic model on each pair of consecutive years of the data (\(zip(years, years.dropFirst()).map { "\($0)–\($1)" }.joined(separator: ", "))), summed")
        case .gerfin: footer.append("Gerfin (multiplicative): structural factor (Σe⁰(1+g)/e⁰)/(N¹/N⁰) × regional factor (e¹/e⁰)/(Σe⁰(1+g)/e⁰) = (e¹/e⁰)/(N¹/N⁰); per industry (1+g_i)/(1+G) and (1+r_i)/(1+g_i)")
        case .classic: break
        }
        footer.append("reference: " + DecompositionRegions.describe(q.reference, pd: pd, cube: cube, regions: regions, registry: registry))
        footer += q.reference.relevant(pd.notes)
        footer.append(exact.line("national share + industry mix + regional shift = change"))
        if q.method == .esteban { footer.append(exactEM.line("competitive + allocation = regional shift")) }
        if q.method == .gerfin { footer.append(exactEM.line("structural × regional factor = relative growth")) }
        if missing > 0 { footer.append("cells with a missing value or no reference growth: \(missing) (shown as –, left out of TOTAL)") }
        t.footer = footer
        return t
    }
}

extension Exactness {
    mutating func checkRatio(total: Double, factors: [Double]) {
        let p = factors.reduce(1, *)
        check(total: total, parts: [p])
    }
}
