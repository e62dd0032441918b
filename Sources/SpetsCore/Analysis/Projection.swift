// Projection.swift — an indicator toward a target year: CAGR, linear or log-linear trend
// with a 95 % prediction band, or shift-share (each industry with its national industry's
// growth times the region's Gerfin factor); scenarios override named industries' growth.
import Glibc

public enum ProjectionMethod: String, CaseIterable, Sendable { case cagr, trend, logtrend, shiftshare }

/// `growth kis +3%/yr from 2024` — several may make one scenario.
public struct ScenarioOverride {
    public var area: Area
    public var rate: Double
    public var from: Int?
    public init(area: Area, rate: Double, from: Int?) { self.area = area; self.rate = rate; self.from = from }

    /// The override takes an industry of the data when every leaf of it is in the area: `B-E`
    /// on A*10 data for an area `B-E`, `10` for an area holding division 10.
    public func covers(_ label: String, registry: Registry) -> Bool {
        let u = label.uppercased()
        if area.members.contains(u) { return true }
        let leaves = registry.industryLeaves(u)
        return !leaves.isEmpty && leaves.isSubset(of: area.members) && !(leaves.count == 1 && leaves.first == u)
    }
}

public struct Scenario {
    public var name: String
    public var overrides: [ScenarioOverride]
    public var definition: String
    public init(name: String, overrides: [ScenarioOverride], definition: String) {
        self.name = name; self.overrides = overrides; self.definition = definition
    }
}

public struct ProjectionRequest {
    public var spec: IndicatorSpec
    public var region: Int32
    public var to: Int
    /// The base window; nil: the last 10 observed years.
    public var window: ClosedRange<Int>? = nil
    public var method: ProjectionMethod = .cagr
    public var scenarios: [Scenario] = []
    /// Shift-share: the regional (Gerfin) factor; nil = the window's.
    public var factor: Double? = nil
    public init(spec: IndicatorSpec, region: Int32, to: Int) { self.spec = spec; self.region = region; self.to = to }
}

/// OLS of y on t: intercept, slope, residual SE, n, mean t, Σ(t − t̄)².
struct OLS {
    let a: Double, b: Double, s: Double, n: Int, tbar: Double, sxx: Double
    init?(_ t: [Double], _ y: [Double]) {
        n = t.count
        guard n >= 2 else { return nil }
        tbar = t.reduce(0, +) / Double(n)
        let ybar = y.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0
        for k in 0..<n { sxy += (t[k] - tbar) * (y[k] - ybar); sxx += (t[k] - tbar) * (t[k] - tbar) }
        guard sxx > 0 else { return nil }
        self.sxx = sxx
        b = sxy / sxx
        a = ybar - b * tbar
        var rss = 0.0
        for k in 0..<n { let e = y[k] - (a + b * t[k]); rss += e * e }
        s = n > 2 ? (rss / Double(n - 2)).squareRoot() : 0
    }
    func predict(_ x: Double) -> Double { a + b * x }
    /// Half-width of the 95 % prediction interval at x (±1.96 SE, widening with the horizon).
    func halfWidth(_ x: Double) -> Double { 1.96 * s * (1 + 1 / Double(n) + (x - tbar) * (x - tbar) / sxx).squareRoot() }
}

public enum Projection {
    /// The window years used, and why.
    static func window(_ years: [Int], values: [Double], requested: ClosedRange<Int>?) throws(Diagnostic) -> [Int] {
        let observed = zip(years, values).filter { !$0.1.isNaN }.map(\.0)
        guard let last = observed.last else { throw Diagnostic(.noObservedValues) }
        if let w = requested {
            let inside = observed.filter { w.contains($0) }
            guard inside.count >= 2 else {
                throw Diagnostic(.windowHasObservedYearProjection, w.lowerBound, w.upperBound, plural(inside.count, "observed year"),
                                 help: "observed years: \(observed.map(String.init).joined(separator: ", "))")
            }
            return inside
        }
        let inside = observed.filter { $0 > last - 10 }
        guard inside.count >= 2 else { throw Diagnostic(.onlyOneObservedYearProjection, last) }
        return inside
    }

    /// One series projected to `to` by method (cagr/trend/logtrend), from its window.
    static func project(_ years: [Int], _ values: [Double], window: [Int], method: ProjectionMethod, to: Int) throws(Diagnostic) -> (value: Double, band: (Double, Double)?) {
        let pts = window.map { y in (Double(y), values[years.firstIndex(of: y)!]) }
        let T = pts.last!.0, xT = pts.last!.1, t0 = pts.first!.0, x0 = pts.first!.1
        switch method {
        case .cagr, .shiftshare:
            guard x0 > 0 && xT >= 0 else { throw Diagnostic(.cagrNeedsPositiveFirstValue, NumberFormatting.exact(x0), Int(t0)) }
            let g = pow(xT / x0, 1 / (T - t0)) - 1
            return (xT * pow(1 + g, Double(to) - T), nil)
        case .trend:
            guard let f = OLS(pts.map(\.0), pts.map(\.1)) else { throw Diagnostic(.trendNeedsTwoDistinctYears) }
            let v = f.predict(Double(to)), h = f.halfWidth(Double(to))
            return (v, (v - h, v + h))
        case .logtrend:
            guard pts.allSatisfy({ $0.1 > 0 }) else { throw Diagnostic(.logLinearTrendNeedsPositive) }
            guard let f = OLS(pts.map(\.0), pts.map { log($0.1) }) else { throw Diagnostic(.trendNeedsTwoDistinctYears) }
            let v = f.predict(Double(to)), h = f.halfWidth(Double(to))
            return (exp(v), (exp(v - h), exp(v + h)))
        }
    }

    /// The CAGR of a series over a window (first to last observed year).
    public static func cagr(_ years: [Int], _ values: [Double], window: [Int]) -> Double {
        let a = values[years.firstIndex(of: window.first!)!], b = values[years.firstIndex(of: window.last!)!]
        guard a > 0, b >= 0, window.last! > window.first! else { return .nan }
        return pow(b / a, 1 / Double(window.last! - window.first!)) - 1
    }

    public static func compute(_ q: ProjectionRequest, registry: Registry) throws(Diagnostic) -> Table {
        let cube = q.spec.cube
        let comps = try IndicatorData.series(q.spec, region: q.region, registry: registry)
        let years = comps[0].years
        let indicator = years.indices.map { y in IndicatorData.combine(q.spec, comps.map { $0.total[y] }) }
        let win = try window(years, values: indicator, requested: q.window)
        let T = win.last!
        guard q.to > T else {
            throw Diagnostic(.targetYearAfterLastObserved, q.to, T, help: "project to a later year, e.g. \(T + 8)")
        }
        if q.method == .shiftshare && cube.industry == nil {
            throw Diagnostic(.shiftShareProjectionNeedsIndustries, cube.name, help: "use method cagr, trend or logtrend")
        }
        // A scenario naming industries the data do not have would change nothing while its
        // footer said it applied: refuse it, with the industries there are.
        var scenarioNotes: [String] = []
        for scen in q.scenarios {
            for o in scen.overrides {
                let labels = Set(comps.flatMap(\.industryLabels))
                guard !labels.isEmpty else { continue }
                let hit = labels.filter { o.covers($0, registry: registry) }.sorted()
                if hit.isEmpty {
                    let there = labels.sorted()
                    throw Diagnostic(.scenarioMatchesNoIndustry, scen.name, o.area.name, cube.name,
                                     help: "its industries: " + there.prefix(12).joined(separator: ", ") + (there.count > 12 ? ", …" : "") + "; an override takes an industry whose parts all lie in it",
                                     candidates: Text.suggestions(for: o.area.name, among: there, limit: 3))
                }
                // Said when the hierarchy decided it (B-E taken for an area of its divisions).
                if hit.contains(where: { !o.area.members.contains($0.uppercased()) }) {
                    scenarioNotes.append("scenario \(scen.name): \(o.area.name) applies to " + hit.prefix(8).joined(separator: ", ") + (hit.count > 8 ? ", … (\(hit.count))" : ""))
                }
            }
        }
        // Projected components per scenario (base first), per year T+1…to.
        let future = Array((T + 1)...q.to)
        var blocks: [(String?, [Double])] = []
        var factorUsed: Double? = nil
        for scen in [nil] + q.scenarios.map(Optional.some) {
            var parts: [[Double]] = []
            for c in comps {
                var values: [Double] = []
                for y in future {
                    let (v, f) = try projectComponent(c, window: win, method: q.method, to: y, scenario: scen, factor: q.factor,
                                                      horizon: q.to, registry: registry)
                    values.append(v)
                    if f != nil { factorUsed = f }
                }
                parts.append(values)
            }
            blocks.append((scen?.name, future.indices.map { k in IndicatorData.combine(q.spec, parts.map { $0[k] }) }))
        }
        // Bands from a direct fit of the indicator itself (exact for one-component indicators).
        var bands: [(Double, Double)?] = future.map { _ in nil }
        if q.method == .trend || q.method == .logtrend {
            for (k, y) in future.enumerated() {
                let direct = try project(years, indicator, window: win, method: q.method, to: y)
                if let b = direct.band {
                    let centre = blocks[0].1[k]
                    bands[k] = q.method == .trend ? (centre - (direct.value - b.0), centre + (b.1 - direct.value))
                                                  : (centre * b.0 / direct.value, centre * b.1 / direct.value)
                }
            }
        }
        var scen: [String] = [], yearCol: [Double] = [], value: [Double] = [], lower: [Double] = [], upper: [Double] = [], kind: [String] = []
        for (name, proj) in blocks {
            for y in win {
                scen.append(name ?? "base"); yearCol.append(Double(y)); value.append(indicator[years.firstIndex(of: y)!])
                lower.append(.nan); upper.append(.nan); kind.append("observed")
            }
            for (k, y) in future.enumerated() {
                scen.append(name ?? "base"); yearCol.append(Double(y)); value.append(proj[k])
                lower.append(name == nil ? bands[k]?.0 ?? .nan : .nan); upper.append(name == nil ? bands[k]?.1 ?? .nan : .nan)
                kind.append("projected")
            }
        }
        var columns: [Column] = []
        // A sum of a measure keeps the measure's unit; ratios and shares have none of their own.
        let unit = q.spec.kind == .measure || q.spec.kind == .areaSum ? cube.measures[q.spec.measure].unit : nil
        if !q.scenarios.isEmpty { columns.append(Column("scenario", .text(scen), kind: .key)) }
        let n = value.count
        func values(_ name: String, _ v: [Double]) -> Column {
            var c = Column(name, .number(v), unit: unit, decimals: q.spec.kind == .ratio || q.spec.kind == .share ? 4 : nil)
            c.label = q.spec.text
            c.isShare = q.spec.kind == .share
            return c
        }
        columns += [
            Column("region", .coded(CodeColumn([Int32](repeating: q.region, count: n)), cube.region), kind: .key),
            Column("year", .number(yearCol), decimals: 0, kind: .key),
            values("value", value), values("lower", lower), values("upper", upper),
            Column("kind", .text(kind)),
        ]
        var footer = ["projection of \(q.spec.text) for \(cube.region.display(q.region)) to \(q.to), method \(q.method.rawValue), base window \(win.first!)–\(T) (\(win.count) observed years\(q.window == nil ? ", the last 10 by default" : ""))"]
        switch q.method {
        case .cagr: footer.append("cagr: g = (x_T/x_0)^(1/(T−t0)) − 1 over the window, x_Y = x_T(1+g)^(Y−T)")
        case .trend: footer.append("trend: OLS line on the window; band ±1.96 × residual SE × √(1 + 1/n + (Y−t̄)²/Σ(t−t̄)²), widening with the horizon")
        case .logtrend: footer.append("logtrend: OLS on ln x; band exp(±1.96 × SE of prediction), widening with the horizon")
        case .shiftshare:
            footer.append("shiftshare: each industry grows with its national industry's CAGR over the window, times the regional (Gerfin) factor of the window\(factorUsed.map { " = \(NumberFormatting.fixed($0, decimals: 4))" } ?? ""), phased in geometrically to apply in full in \(q.to)")
        }
        if comps.count > 1 { footer.append("the \(q.spec.kind == .share ? "share" : "ratio") is projected through its numerator and denominator, each by the method, so the identity holds" + (bands.contains { $0 != nil } ? "; the band is the relative band of a direct fit of the indicator" : "")) }
        for s in q.scenarios {
            footer.append("scenario \(s.name): " + s.overrides.map { o in "\(o.area.name) \(o.rate >= 0 ? "+" : "")\(NumberFormatting.fixed(o.rate * 100, decimals: 1))%/yr" + (o.from.map { " from \($0)" } ?? "") }.joined(separator: ", ") + " on top of the base method")
        }
        footer += scenarioNotes
        if q.spec.kind == .ratio { footer.append(Prices.note(cube.measures[q.spec.measure])) }
        return Table(columns: columns, footer: footer)
    }

    /// A component's value in year `to`: the base method on the series of the industries not
    /// overridden, plus each override group (base method until the year before `from`, then
    /// the scenario's rate).
    static func projectComponent(_ c: ComponentSeries, window: [Int], method: ProjectionMethod, to: Int,
                                 scenario: Scenario?, factor: Double?, horizon: Int? = nil, registry: Registry? = nil) throws(Diagnostic) -> (Double, Double?) {
        let T = window.last!
        func base(_ select: (Int) -> Bool, to y: Int) throws(Diagnostic) -> (Double, Double?) {
            if y <= T { return (sumAt(c, select, c.years.firstIndex(of: y) ?? c.years.count - 1), nil) }
            if method == .shiftshare { return shiftShare(c, window: window, select: select, to: y, factor: factor, horizon: horizon ?? y) }
            if c.byIndustry.isEmpty || (scenario == nil) { return (try project(c.years, c.total, window: window, method: method, to: y).value, nil) }
            let series = c.years.indices.map { sumAt(c, select, $0) }
            if window.allSatisfy({ series[c.years.firstIndex(of: $0)!] == 0 }) { return (0, nil) }
            return (try project(c.years, series, window: window, method: method, to: y).value, nil)
        }
        guard let s = scenario, !c.byIndustry.isEmpty else { return try base({ _ in true }, to: to) }
        // Each industry belongs to the first override that names it, else to the base.
        var group = [Int](repeating: -1, count: c.industries.count)
        for (k, label) in c.industryLabels.enumerated() {
            group[k] = s.overrides.firstIndex { o in registry.map { o.covers(label, registry: $0) } ?? o.area.members.contains(label.uppercased()) } ?? -1
        }
        var total = try base({ group[$0] == -1 }, to: to).0
        var f: Double? = nil
        for (g, o) in s.overrides.enumerated() where group.contains(g) {
            let start = max(T, (o.from ?? T + 1) - 1)
            let (atStart, ff) = try base({ group[$0] == g }, to: min(start, to))
            f = ff ?? f
            total += to <= start ? atStart : atStart * pow(1 + o.rate, Double(to - start))
        }
        return (total, f)
    }

    static func sumAt(_ c: ComponentSeries, _ select: (Int) -> Bool, _ yi: Int) -> Double {
        if c.byIndustry.isEmpty { return c.total[yi] }
        var s = 0.0
        for k in c.byIndustry.indices where select(k) { let v = c.byIndustry[k][yi]; if !v.isNaN { s += v } }
        return s
    }

    /// e_i,Y = e_i,T · (N_i,Y / N_i,T) · f_r, N_i continuing its CAGR over the window, f_r the
    /// Gerfin regional factor of the window (first to last year).
    /// The factor is phased in geometrically, reaching f_r in the target year (`horizon`), so
    /// the path is smooth and the target year's value is the formula's.
    static func shiftShare(_ c: ComponentSeries, window: [Int], select: (Int) -> Bool, to y: Int, factor: Double?, horizon: Int) -> (Double, Double?) {
        let i0 = c.years.firstIndex(of: window.first!)!, iT = c.years.firstIndex(of: window.last!)!
        let span = Double(window.last! - window.first!)
        var e0 = 0.0, eT = 0.0, expected = 0.0
        for k in c.byIndustry.indices {
            let a = c.byIndustry[k][i0], b = c.byIndustry[k][iT], n0 = c.referenceByIndustry[k][i0], nT = c.referenceByIndustry[k][iT]
            guard !a.isNaN, !b.isNaN else { continue }
            e0 += a; eT += b
            if n0 > 0 { expected += a * nT / n0 }
        }
        let f = factor ?? (expected > 0 ? (eT / e0) / (expected / e0) : 1)
        let T = window.last!
        let phased = pow(f, Double(y - T) / Double(max(horizon - T, 1)))
        var total = 0.0
        for k in c.byIndustry.indices where select(k) {
            let b = c.byIndustry[k][iT], n0 = c.referenceByIndustry[k][i0], nT = c.referenceByIndustry[k][iT]
            guard !b.isNaN else { continue }
            let g = n0 > 0 && nT > 0 ? pow(nT / n0, 1 / span) - 1 : 0
            total += b * pow(1 + g, Double(y - window.last!)) * phased
        }
        return (total, f)
    }
}
