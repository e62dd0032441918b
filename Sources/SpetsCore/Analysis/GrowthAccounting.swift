// GrowthAccounting.swift — value-added growth as more people working plus higher
// productivity, in logs so that the parts add: ln(VA¹/VA⁰) = ln(L¹/L⁰) + ln(P¹/P⁰).
import Glibc

/// Growth accounting takes the same request as the productivity decomposition (its method
/// is not used).
public typealias GrowthRequest = ProductivityRequest

public enum GrowthAccounting {
    public static func compute(_ cube: Cube, _ q: GrowthRequest, registry: Registry) throws(Diagnostic) -> Table {
        try PeriodOrder.check(q.from, q.to)
        let pd = try PeriodData.build(cube, measures: [q.valueAdded, q.employment], years: [q.from, q.to], registry: registry,
                                      industries: q.industries, regionLevel: q.regionLevel, missing: q.missing, focus: q.regions)
        let regions = try DecompositionRegions.pick(pd, cube, q.regions, .levelSum, first: q.from)
        var b = DecompositionTable(pd: pd, cube: cube, multi: regions.count > 1 || q.regions == nil, blocks: regions.count)
        var exact = Exactness()
        var noLog = Set<String>(), dropped = Set<String>()
        let T = Double(q.to - q.from)
        var rateNote: String? = nil
        func row(_ v0: Double, _ v1: Double, _ l0: Double, _ l1: Double) -> [Double] {
            guard v0 > 0, v1 > 0, l0 > 0, l1 > 0 else { return [.nan, .nan, .nan, .nan, .nan] }
            let dv = log(v1 / v0), dl = log(l1 / l0), dp = dv - dl
            exact.check(total: dv, parts: [dl, dp])
            return [dv, dl, dp, dv != 0 ? dl / dv : .nan, dv != 0 ? dp / dv : .nan]
        }
        for r in regions {
            let x = ProductivityInputs(pd, region: r)
            try ProductivityInputs.requireData(x, pd, cube, region: r, va: q.valueAdded, emp: q.employment, years: [q.from, q.to])
            for c in x.dropped { dropped.insert(pd.columnDim.labels[Int(pd.columnCodes[c])]) }
            var rows = [[Double]](repeating: [Double](repeating: .nan, count: 5), count: pd.nC)
            for (k, c) in x.columns.enumerated() {
                rows[c] = row(x.v0[k], x.v1[k], x.l0[k], x.l1[k])
                if rows[c][0].isNaN { noLog.insert(pd.columnDim.labels[Int(pd.columnCodes[c])]) }
            }
            let total = row(x.V0, x.V1, x.L0, x.L1)
            b.addBlock(region: r, rows: rows, total: total)
            if regions.count == 1 && !total[0].isNaN {
                let rate = { (d: Double) in NumberFormatting.fixed(100 * (exp(d / T) - 1), decimals: 2) + " %/yr" }
                rateNote = "annualised, TOTAL: value added \(rate(total[0])) = employment \(rate(total[1])) and productivity \(rate(total[2])) (rates multiply: (1+g_VA) = (1+g_L)(1+g_P))"
            }
        }
        let va = cube.measures[q.valueAdded], emp = cube.measures[q.employment]
        var t = b.table(["dln_va", "dln_emp", "dln_productivity", "emp_share", "productivity_share"], unit: nil,
                        decimals: [4, 4, 4, 3, 3])
        t.parts = ColumnParts(components: ["dln_emp", "dln_productivity"], total: "dln_va")
        var footer = ["growth accounting \(q.from)→\(q.to): ln(\(va.name)¹/\(va.name)⁰) = ln(\(emp.name)¹/\(emp.name)⁰) + ln(P¹/P⁰), P = \(va.name)/\(emp.name); shares = each part ÷ ln(\(va.name)¹/\(va.name)⁰) (logs, because percentage changes do not add)"]
        if let n = rateNote { footer.append(n) }
        footer.append(Prices.note(va))
        footer += pd.notes
        footer.append(exact.line("dln_emp + dln_productivity = dln_va"))
        if !noLog.isEmpty { footer.append("no logs for industries with zero in a year: \(noLog.sorted().prefix(10).joined(separator: ", ")) (they are in TOTAL)") }
        if !dropped.isEmpty { footer.append("left out for a missing value: \(dropped.sorted().prefix(10).joined(separator: ", "))") }
        t.footer = footer
        return t
    }
}
