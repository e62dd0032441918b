// ProductivityGap.swift — why a region's productivity level differs from the reference's:
// industry mix, productivity within industries, and their covariance (methods.md "gap").

public enum GapMethod: String, CaseIterable, Sendable { case threeTerm = "three-term", twoTerm = "two-term" }

public struct GapRequest: Scoped {
    public var valueAdded: Int
    public var employment: Int
    public var year: Int
    /// Regions, reference, industries, level and the missing rule.
    public var scope = Scope()
    public var method: GapMethod = .threeTerm
    public init(valueAdded: Int, employment: Int, year: Int) {
        self.valueAdded = valueAdded; self.employment = employment; self.year = year
    }
}

public enum ProductivityGap {
    public static func compute(_ cube: Cube, _ q: GapRequest, registry: Registry) throws(Diagnostic) -> Table {
        let pd = try PeriodData.build(cube, measures: [q.valueAdded, q.employment], years: [q.year], registry: registry,
                                      industries: q.industries, regionLevel: q.regionLevel, missing: q.missing, focus: q.regions)
        let regions = try DecompositionRegions.pick(pd, cube, q.regions, q.reference, first: q.year)
        var b = DecompositionTable(pd: pd, cube: cube, multi: regions.count > 1 || q.regions == nil, blocks: regions.count)
        var exact = Exactness()
        var pr: [Double] = [], pn: [Double] = []
        let width = q.method == .threeTerm ? 3 : 2
        var note: String? = nil
        var cache: [Int: (byColumn: [Double], total: Double)] = [:]
        var leftOutHere = Set<String>()
        for r in regions {
            let V = pd.referenceTotals(0, 0, for: r, q.reference, cache: &cache)
            let L = pd.referenceTotals(0, 1, for: r, q.reference, cache: &cache)
            var vr = [Double](repeating: 0, count: pd.nC), lr = vr
            var Vr = 0.0, Lr = 0.0
            for c in 0..<pd.nC {
                let v = pd.value(0, 0, r, c), l = pd.value(0, 1, r, c)
                if v.isNaN || l.isNaN { leftOutHere.insert(pd.columnDim.labels[Int(pd.columnCodes[c])]) }
                vr[c] = v.isNaN ? 0 : v; lr[c] = l.isNaN ? 0 : l
                Vr += vr[c]; Lr += lr[c]
            }
            guard Lr > 0, L.total > 0 else { throw Diagnostic(.noReference, cube.measures[q.employment].name, cube.region.display(Int32(r)), q.year) }
            let Pr = Vr / Lr, PN = V.total / L.total
            var rows: [[Double]] = [], tot = [Double](repeating: 0, count: width)
            for c in 0..<pd.nC {
                let sr = lr[c] / Lr, sn = L.byColumn[c] / L.total
                var prc = lr[c] > 0 ? vr[c] / lr[c] : .nan, pnc = L.byColumn[c] > 0 ? V.byColumn[c] / L.byColumn[c] : .nan
                // An industry absent on one side has no productivity there: it counts in the mix only.
                if prc.isNaN { prc = pnc.isNaN ? 0 : pnc }
                if pnc.isNaN { pnc = prc }
                let mix = (sr - sn) * pnc
                let row = q.method == .threeTerm ? [mix, sn * (prc - pnc), (sr - sn) * (prc - pnc)] : [mix, sr * (prc - pnc)]
                rows.append(row)
                for k in 0..<width { tot[k] += row[k] }
            }
            exact.check(total: Pr - PN, parts: tot)
            b.addBlock(region: r, rows: rows, total: tot)
            pr += [Double](repeating: .nan, count: pd.nC) + [Pr]
            pn += [Double](repeating: .nan, count: pd.nC) + [PN]
            if regions.count == 1 {
                note = "P(region) = \(NumberFormatting.fixed(Pr, decimals: 4)), P(reference) = \(NumberFormatting.fixed(PN, decimals: 4)), gap \(NumberFormatting.fixed(Pr - PN, decimals: 4)) (\(NumberFormatting.fixed(100 * (Pr / PN - 1), decimals: 1)) %)"
            }
        }
        let va = cube.measures[q.valueAdded], emp = cube.measures[q.employment]
        var t = b.table(q.method == .threeTerm ? ["industry_mix", "within_differential", "allocative"] : ["industry_mix", "within_differential"],
                        unit: nil, decimals: [4, 4, 4])
        t.parts = ColumnParts(components: q.method == .threeTerm ? ["industry_mix", "within_differential", "allocative"] : ["industry_mix", "within_differential"])
        t.columns.append(Column("p_region", .number(pr), decimals: 4))
        t.columns.append(Column("p_reference", .number(pn), decimals: 4))
        var footer = [q.method == .threeTerm
            ? "productivity gap \(q.year), P = \(va.name)/\(emp.name): P_r − P_N = industry mix Σ(S_r − S_N)P_N + within differential Σ S_N(P_r − P_N) + allocative Σ(S_r − S_N)(P_r − P_N)"
            : "productivity gap \(q.year), P = \(va.name)/\(emp.name), two-term: P_r − P_N = industry mix Σ(S_r − S_N)P_N + within differential Σ S_r(P_r − P_N) (regional weights)"]
        if let note { footer.append(note) }
        footer.append("reference: " + DecompositionRegions.describe(q.reference, pd: pd, cube: cube, regions: regions, registry: registry))
        footer += q.reference.relevant(pd.notes)
        footer.append(exact.line("the terms add up to P_r − P_N"))
        if !leftOutHere.isEmpty {
            footer.append("left out of the region (no share in its structure; the row's industry mix keeps the identity): " + leftOutHere.sorted().prefix(8).joined(separator: ", ") + (leftOutHere.count > 8 ? ", …" : ""))
        }
        footer.append("one industry with high value added and few employees can dominate the mix: read the rows, not only TOTAL")
        t.footer = footer
        return t
    }
}
