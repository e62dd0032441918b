// Comparison.swift — regions against each other: structurally similar regions, ranks, and
// convergence (σ: dispersion over time; β: do low levels grow faster?).
import Glibc

public enum SimilarityMethod: String, CaseIterable, Sendable { case krugman, cosine, correlation }

extension IndicatorData {
    /// The indicator for every region in one year (NaN where a region has no data).
    public static func values(_ spec: IndicatorSpec, year: Int, registry: Registry) throws(Diagnostic) -> [Double] {
        let cube = spec.cube
        var parts: [[Double]] = []
        for comp in spec.components {
            guard cube.industry != nil else {
                var v = [Double](repeating: .nan, count: cube.region.count)
                let x = cube.measures[comp.measure].values
                for k in 0..<cube.count where Int(cube.years[k]) == year {
                    let r = Int(cube.regionCodes[k])
                    if !x[k].isNaN { v[r] = v[r].isNaN ? x[k] : v[r] + x[k] }
                }
                parts.append(v)
                continue
            }
            let choice: IndustryChoice = comp.area.map { .areas([$0]) } ?? .finest
            let cs = try CrossSection.build(cube, measure: comp.measure, year: year, registry: registry, industries: choice)
            parts.append((0..<cs.nR).map { r in
                guard cs.active[r] else { return .nan }
                return comp.area == nil ? cs.rowTotal[r] : (cs.present[r * cs.nC] ? cs.at(r, 0) : 0)
            })
        }
        return (0..<parts[0].count).map { r in combine(spec, parts.map { $0[r] }) }
    }
}

public enum Comparison {
    /// The regions closest in industry structure to `region`, among those at its level.
    public static func similar(_ cube: Cube, measure: Int, year: Int, region: Int32, method: SimilarityMethod, top: Int,
                               outside: String?, registry: Registry) throws(Diagnostic) -> Table {
        let cs = try CrossSection.build(cube, measure: measure, year: year, registry: registry)
        let r = Int(region)
        guard cs.active[r] else { throw Diagnostic(.hasNoObservations, cube.region.display(region), year, cube.name) }
        var peers = cs.peers(of: r).filter { $0 != r }
        if let o = outside {
            let code = o.uppercased()
            peers = peers.filter { p in
                let label = cube.region.labels[p].uppercased()
                var up: String? = registry.regionByCode(label)?.parent?.uppercased()
                while let u = up { if u == code { return false }; up = registry.region(u)?.parent?.uppercased() }
                return !label.hasPrefix(code)
            }
        }
        let sr = cs.shares(r).map { $0.isNaN ? 0 : $0 }
        let s0 = cs.referenceShares(for: r, .levelSum, peers: cs.peers(of: r))
        func logLQ(_ s: [Double]) -> [Double] { (0..<cs.nC).map { s[$0] > 0 && s0[$0] > 0 ? log(s[$0] / s0[$0]) : .nan } }
        let lr = logLQ(sr)
        var dist: [(Int, Double)] = []
        for p in peers {
            let sp = cs.shares(p).map { $0.isNaN ? 0 : $0 }
            var d = Double.nan
            switch method {
            case .krugman: d = (0..<cs.nC).reduce(0.0) { $0 + abs(sr[$1] - sp[$1]) }
            case .cosine:
                let dot = (0..<cs.nC).reduce(0.0) { $0 + sr[$1] * sp[$1] }
                let na = sr.reduce(0.0) { $0 + $1 * $1 }.squareRoot(), nb = sp.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
                if na > 0 && nb > 0 { d = 1 - dot / (na * nb) }
            case .correlation:
                let lp = logLQ(sp)
                let both = (0..<cs.nC).filter { !lr[$0].isNaN && !lp[$0].isNaN }
                if both.count >= 3 {
                    let ma = both.reduce(0.0) { $0 + lr[$1] } / Double(both.count), mb = both.reduce(0.0) { $0 + lp[$1] } / Double(both.count)
                    var sab = 0.0, saa = 0.0, sbb = 0.0
                    for c in both { sab += (lr[c] - ma) * (lp[c] - mb); saa += (lr[c] - ma) * (lr[c] - ma); sbb += (lp[c] - mb) * (lp[c] - mb) }
                    if saa > 0 && sbb > 0 { d = 1 - sab / (saa * sbb).squareRoot() }
                }
            }
            dist.append((p, d))
        }
        dist.sort { a, b in
            if a.1.isNaN != b.1.isNaN { return !a.1.isNaN }
            return a.1 != b.1 ? a.1 < b.1 : a.0 < b.0
        }
        let shown = dist.prefix(max(top, 0))
        let what: String
        switch method {
        case .krugman: what = "Krugman distance Σ|s_a − s_b| of industry shares (0–2)"
        case .cosine: what = "1 − cosine similarity of industry shares (0–1)"
        case .correlation: what = "1 − correlation of log LQ over industries both have (0–2)"
        }
        return Table(columns: [
            Column("region", .coded(CodeColumn(shown.map { Int32($0.0) }), cube.region), kind: .key),
            Column("distance", .number(shown.map(\.1)), decimals: 4),
        ], footer: ["regions most similar to \(cube.region.display(region)) in \(cube.measures[measure].name) \(year): \(what), nearest first; \(peers.count) candidates at the same level" + (outside.map { ", outside \($0)" } ?? "")] + cs.notes)
    }

    /// Position of one region in a per-region value: rank 1 is the highest; ties share a rank.
    public static func rank(values: [Double], labels: Dimension, region: Int32, what: String) throws(Diagnostic) -> Table {
        let v = values[Int(region)]
        guard !v.isNaN else { throw Diagnostic(.hasNoValueRank, labels.display(region), what) }
        let (rank, of, percentile) = standing(v, among: values)
        return Table(columns: [
            Column("region", .coded(CodeColumn([region]), labels), kind: .key),
            Column("value", .number([v]), decimals: abs(v) < 10 ? 4 : nil),
            Column("rank", .number([rank]), decimals: 0),
            Column("of", .number([of]), decimals: 0),
            Column("percentile", .number([percentile]), decimals: 1),
        ], footer: ["rank of \(labels.display(region)) by \(what): 1 = highest; equal values share a rank; percentile = share of the others below it"])
    }

    /// A value's standing among values (missing ones left out): rank 1 is the highest and
    /// equal values share a rank; percentile = share of the others below it.
    static func standing(_ v: Double, among values: [Double]) -> (rank: Double, of: Double, percentile: Double) {
        var higher = 0, lower = 0, of = 0
        for x in values where !x.isNaN {
            of += 1
            if x > v { higher += 1 } else if x < v { lower += 1 }
        }
        return (Double(higher + 1), Double(of), of > 1 ? 100 * Double(lower) / Double(of - 1) : 100)
    }

    /// Where a region stands within each group of a per-region result that has several rows
    /// per region (`rank lq … for R`: one row per industry). `groupColumns` are the other
    /// key columns; each group ranks the regions that have a value in it.
    public static func rankWithin(_ t: Table, valueColumn col: Int, regionColumn ri: Int, region: Int32,
                                  groupColumns: [Int], what: String) throws(Diagnostic) -> Table {
        guard case .coded(let codes, let dim) = t.columns[ri].values, case .number(let v) = t.columns[col].values else {
            throw Diagnostic(.doesGiveOneRowPer, what)
        }
        // Groups in the order they first occur (the result's own order).
        var order: [String] = [], rows: [String: [Int]] = [:]
        for k in 0..<t.rowCount {
            let key = groupColumns.map { t.columns[$0].machineText(k) }.joined(separator: "\u{1F}")
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(k)
        }
        var keep: [Int] = [], value: [Double] = [], rank: [Double] = [], of: [Double] = [], pct: [Double] = []
        var without: [String] = []
        for key in order {
            let members = rows[key]!
            guard let own = members.first(where: { codes[$0] == region }), !v[own].isNaN else {
                without.append(groupColumns.map { t.columns[$0].machineText(members[0]) }.joined(separator: " "))
                continue
            }
            let s = standing(v[own], among: members.map { v[$0] })
            keep.append(own); value.append(v[own]); rank.append(s.rank); of.append(s.of); pct.append(s.percentile)
        }
        guard !keep.isEmpty else { throw Diagnostic(.hasNoValueRank, dim.display(region), what) }
        let kept = t.take(keep)
        var columns = [kept.columns[ri]] + groupColumns.map { kept.columns[$0] }
        columns.append(Column("value", .number(value), unit: t.columns[col].unit, decimals: t.columns[col].decimals))
        columns.append(Column("rank", .number(rank), decimals: 0))
        columns.append(Column("of", .number(of), decimals: 0))
        columns.append(Column("percentile", .number(pct), decimals: 1))
        var footer = ["rank of \(dim.display(region)) by \(what) within each " + groupColumns.map { t.columns[$0].name }.joined(separator: " and ")
                      + ": 1 = highest among the regions with a value; equal values share a rank; percentile = share of the others below it"]
        if !without.isEmpty { footer.append("no value for \(dim.display(region)): " + without.prefix(10).joined(separator: ", ") + (without.count > 10 ? ", … (\(without.count))" : "")) }
        return Table(columns: columns, footer: footer + t.footer.filter { $0.hasPrefix("reference") })
    }

    /// σ-convergence (coefficient of variation across regions per year) and β-convergence
    /// (OLS of annualised log growth on the log initial level).
    public static func convergence(_ spec: IndicatorSpec, from: Int, to: Int, regions: [Int32]?, registry: Registry,
                                   betaTable: Bool, balanced: Bool = true) throws(Diagnostic) -> Table {
        let cube = spec.cube
        try PeriodOrder.check(from, to)
        let years = cube.distinctYears.filter { $0 >= from && $0 <= to }
        var byYear: [[Double]] = []
        for y in years { byYear.append(try IndicatorData.values(spec, year: y, registry: registry)) }
        // Candidates: the given group, else the most common level among regions with data in
        // some year of the window.
        var set: [Int]
        if let regions { set = regions.map(Int.init) } else {
            let any = (0..<cube.region.count).filter { r in byYear.contains { !$0[r].isNaN } }
            var count: [Int: Int] = [:]
            for r in any { count[registry.regionLevel(cube.region.labels[r]), default: 0] += 1 }
            let lv = count.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
            set = any.filter { registry.regionLevel(cube.region.labels[$0]) == lv }
        }
        // Balanced (default): the same regions every year — those observed in all of them —
        // so that σ moves with the data, not with who reports. `all`: each year its own.
        var notes: [String] = []
        if balanced {
            let out = set.filter { r in byYear.contains { $0[r].isNaN } }
            set = set.filter { r in !out.contains(r) }
            notes.append("σ over the \(set.count) regions observed in every year \(from)–\(to) (balanced; `all` uses each year's observed regions)")
            var byGap: [String: [String]] = [:], order: [String] = []
            for r in out {
                let gap = Text.yearList(years.indices.filter { byYear[$0][r].isNaN }.map { years[$0] })
                if byGap[gap] == nil { order.append(gap) }
                byGap[gap, default: []].append(cube.region.labels[r])
            }
            for gap in order {
                let rs = byGap[gap]!
                notes.append("regions left out (no data in \(gap)): " + rs.prefix(10).joined(separator: ", ") + (rs.count > 10 ? ", …" : "") + " (\(rs.count))")
            }
        } else {
            let counts = byYear.map { v in set.filter { !v[$0].isNaN }.count }
            notes.append("σ each year over the regions observed that year (all): \(counts.min() ?? 0)–\(counts.max() ?? 0) of \(set.count) regions")
        }
        var cv: [Double] = []
        for v in byYear {
            let xs = set.map { v[$0] }.filter { !$0.isNaN }
            guard xs.count >= 2 else { cv.append(.nan); continue }
            let m = xs.reduce(0, +) / Double(xs.count)
            let sd = (xs.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count)).squareRoot()
            cv.append(m != 0 ? sd / m : .nan)
        }
        let T = Double(to - from)
        let first = byYear.first!, last = byYear.last!
        let pts = set.filter { first[$0] > 0 && last[$0] > 0 }.map { (log(first[$0]), (log(last[$0]) - log(first[$0])) / T) }
        var beta = Double.nan, se = Double.nan, half = Double.nan
        if let f = OLS(pts.map(\.0), pts.map(\.1)) {
            beta = f.b
            se = f.s / f.sxx.squareRoot()
            let lambda = -log(1 + beta * T) / T
            half = lambda > 0 ? log(2) / lambda : .nan
        }
        let betaLine = "β-convergence \(from)→\(to) over \(pts.count) regions: β = \(NumberFormatting.fixed(beta, decimals: 5)) (SE \(NumberFormatting.fixed(se, decimals: 5)))"
            + (half.isNaN ? ", no convergence (β ≥ 0)" : ", implied half-life \(NumberFormatting.fixed(half, decimals: 1)) years")
        let footer = ["convergence of \(spec.text): σ = coefficient of variation (SD/mean, population SD) across the regions each year; β from OLS of annualised log growth on the log \(from) level; half-life = ln 2 / λ, λ = −ln(1 + βT)/T", betaLine] + notes
        if betaTable {
            return Table(columns: [Column("beta", .number([beta]), decimals: 5), Column("se", .number([se]), decimals: 5),
                                   Column("half_life", .number([half]), decimals: 1)], footer: footer)
        }
        return Table(columns: [Column("year", .number(years.map(Double.init)), decimals: 0, kind: .key),
                               Column("cv", .number(cv), decimals: 4)], footer: footer)
    }
}
