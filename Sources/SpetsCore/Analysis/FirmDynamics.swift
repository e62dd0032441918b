// FirmDynamics.swift — aggregate productivity change from a firm (or plant) panel:
// survivors, entrants and exiters (Melitz-Polanec 2015; Foster-Haltiwanger-Krizan 2001).

public enum DynamicsMethod: String, CaseIterable, Sendable { case mp, fhk }

public struct DynamicsRequest {
    public var productivity: Int
    public var weight: Int
    public var from: Int
    public var to: Int
    public var method: DynamicsMethod = .mp
    public init(productivity: Int, weight: Int, from: Int, to: Int) {
        self.productivity = productivity; self.weight = weight; self.from = from; self.to = to
    }
}

public enum FirmDynamics {
    /// Header words of a dimension that identifies firms or plants.
    public static let unitWords = ["firm", "plant", "id", "company", "enterprise", "establishment", "foretag", "arbetsstalle", "orgnr", "firm_id", "plant_id"]

    public static func unitDimension(_ cube: Cube) -> Int? {
        cube.extras.firstIndex { d in unitWords.contains(Text.fold(d.name).replacingAll(" ", with: "_")) || unitWords.contains(where: { Text.fold(d.name).hasPrefix($0) }) }
    }

    public static func compute(_ cube: Cube, _ q: DynamicsRequest) throws(Diagnostic) -> Table {
        try PeriodOrder.check(q.from, q.to)
        guard let u = unitDimension(cube) else {
            throw Diagnostic(.datasetHasNoFirmPlant, cube.name,
                             help: "dynamics needs one row per firm and year; name the column firm, plant or id")
        }
        let units = cube.extras[u], codes = cube.extraCodes[u]
        let phi = cube.measures[q.productivity].values, w = cube.measures[q.weight].values
        var p0 = [Double](repeating: .nan, count: units.count), p1 = p0, w0 = p0, w1 = p0
        var dropped = 0
        for k in 0..<cube.count {
            let y = Int(cube.years[k])
            guard y == q.from || y == q.to else { continue }
            if phi[k].isNaN || w[k].isNaN { dropped += 1; continue }
            let f = Int(codes[k])
            if y == q.from {
                if !w0[f].isNaN { throw Diagnostic(.hasMoreThanOneRow, units.labels[f], y, help: "filter to one row per firm first, e.g. one region or industry") }
                p0[f] = phi[k]; w0[f] = w[k]
            } else {
                if !w1[f].isNaN { throw Diagnostic(.hasMoreThanOneRow, units.labels[f], y, help: "filter to one row per firm first, e.g. one region or industry") }
                p1[f] = phi[k]; w1[f] = w[k]
            }
        }
        let S = (0..<units.count).filter { !w0[$0].isNaN && !w1[$0].isNaN }
        let E = (0..<units.count).filter { w0[$0].isNaN && !w1[$0].isNaN }
        let X = (0..<units.count).filter { !w0[$0].isNaN && w1[$0].isNaN }
        let W0 = (S + X).reduce(0.0) { $0 + w0[$1] }, W1 = (S + E).reduce(0.0) { $0 + w1[$1] }
        guard W0 > 0, W1 > 0 else { throw Diagnostic(.noWeight, W0 > 0 ? q.to : q.from, cube.name) }
        func s0(_ f: Int) -> Double { w0[f] / W0 }
        func s1(_ f: Int) -> Double { w1[f] / W1 }
        let Phi0 = (S + X).reduce(0.0) { $0 + s0($1) * p0[$1] }, Phi1 = (S + E).reduce(0.0) { $0 + s1($1) * p1[$1] }
        let total = Phi1 - Phi0
        var names: [String], values: [Double]
        switch q.method {
        case .mp:
            func group(_ set: [Int], _ s: (Int) -> Double, _ p: [Double]) -> (share: Double, mean: Double) {
                let sh = set.reduce(0.0) { $0 + s($1) }
                return (sh, sh > 0 ? set.reduce(0.0) { $0 + s($1) * p[$1] } / sh : 0)
            }
            let n = Double(S.count)
            func meanCov(_ s: (Int) -> Double, _ p: [Double]) -> (Double, Double) {
                guard n > 0 else { return (0, 0) }
                let mean = S.reduce(0.0) { $0 + p[$1] } / n
                let sh = S.reduce(0.0) { $0 + s($1) }
                let cov = S.reduce(0.0) { $0 + (s($1) / sh - 1 / n) * (p[$1] - mean) }
                return (mean, cov)
            }
            let (m0, c0) = meanCov(s0, p0), (m1, c1) = meanCov(s1, p1)
            let S0 = group(S, s0, p0), S1 = group(S, s1, p1), E1 = group(E, s1, p1), X0 = group(X, s0, p0)
            let entry = E1.share * (E1.mean - S1.mean), exit = X0.share * (S0.mean - X0.mean)
            names = ["survivors_mean", "survivors_covariance", "entry", "exit", "total"]
            values = [m1 - m0, c1 - c0, entry, exit, total]
        case .fhk:
            let within = S.reduce(0.0) { $0 + s0($1) * (p1[$1] - p0[$1]) }
            let between = S.reduce(0.0) { $0 + (s1($1) - s0($1)) * (p0[$1] - Phi0) }
            let cross = S.reduce(0.0) { $0 + (s1($1) - s0($1)) * (p1[$1] - p0[$1]) }
            let entry = E.reduce(0.0) { $0 + s1($1) * (p1[$1] - Phi0) }
            let exit = -X.reduce(0.0) { $0 + s0($1) * (p0[$1] - Phi0) }
            names = ["within", "between", "cross", "entry", "exit", "total"]
            values = [within, between, cross, entry, exit, total]
        }
        var exact = Exactness()
        exact.check(total: total, parts: Array(values.dropLast()))
        let pm = cube.measures[q.productivity], wm = cube.measures[q.weight]
        let formula = q.method == .mp
            ? "Melitz-Polanec: ΔΦ = Δ(survivors' unweighted mean) + Δ(survivors' covariance) + s_E(Φ_E − Φ_S)¹ + s_X(Φ_S − Φ_X)⁰"
            : "Foster-Haltiwanger-Krizan (reference Φ⁰): within Σ_S s⁰Δφ + between Σ_S Δs(φ⁰ − Φ⁰) + cross Σ_S ΔsΔφ + entry Σ_E s¹(φ¹ − Φ⁰) − exit Σ_X s⁰(φ⁰ − Φ⁰)"
        var footer = ["firm dynamics of \(pm.name) weighted by \(wm.name), \(q.from)→\(q.to): Φ = Σ s·φ with s renormalised each year; Φ⁰ = \(NumberFormatting.fixed(Phi0, decimals: 4)), Φ¹ = \(NumberFormatting.fixed(Phi1, decimals: 4))",
                      formula,
                      "\(units.name)s: \(S.count) survivors, \(E.count) entrants, \(X.count) exiters",
                      exact.line("the components add up to ΔΦ")]
        if dropped > 0 { footer.append("rows with a missing value left out: \(dropped)") }
        return Table(columns: [Column("component", .text(names), kind: .key), Column("value", .number(values), decimals: 4)], footer: footer)
    }
}
