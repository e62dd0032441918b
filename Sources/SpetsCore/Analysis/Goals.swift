// Goals.swift — targets for an indicator (`>= 25% by 2030`) and where each stands: the
// required annual growth, the current trend, the value the trend gives, on or off track.
import Glibc

public struct Goal {
    public enum Direction: String, Sendable { case atLeast = ">=", atMost = "<=" }
    public var name: String
    public var spec: IndicatorSpec
    public var region: Int32
    public var direction: Direction
    public var target: Double
    public var year: Int
    public var definition: String
    public init(name: String, spec: IndicatorSpec, region: Int32, direction: Direction, target: Double, year: Int, definition: String) {
        self.name = name; self.spec = spec; self.region = region; self.direction = direction
        self.target = target; self.year = year; self.definition = definition
    }
}

public struct GoalStatus {
    public var latestYear: Int
    public var latest: Double
    public var required: Double
    public var trend: Double
    public var projected: Double
    public var status: String
}

public enum Goals {
    public static func status(_ g: Goal, registry: Registry) throws(Diagnostic) -> GoalStatus {
        let comps = try IndicatorData.series(g.spec, region: g.region, registry: registry)
        let years = comps[0].years
        let values = years.indices.map { y in IndicatorData.combine(g.spec, comps.map { $0.total[y] }) }
        guard let li = values.lastIndex(where: { !$0.isNaN }) else {
            throw Diagnostic(.goalNoObservedValue, g.name, g.spec.text, g.spec.cube.region.display(g.region))
        }
        let T = years[li], latest = values[li]
        guard g.year > T else {
            throw Diagnostic(.goalTargetYearAfterLatest, g.name, g.year, T,
                             help: "a goal looks ahead: choose a year after \(T)")
        }
        let span = Double(g.year - T)
        let required = latest > 0 && g.target > 0 ? pow(g.target / latest, 1 / span) - 1 : .nan
        // The current trend: the CAGR over the last 10 observed years, components-wise.
        let win = try Projection.window(years, values: values, requested: nil)
        var parts: [Double] = []
        for c in comps { parts.append(try Projection.projectComponent(c, window: win, method: .cagr, to: g.year, scenario: nil, factor: nil).0) }
        let projected = IndicatorData.combine(g.spec, parts)
        let trend = Projection.cagr(years, values, window: win)
        let meets = { (v: Double) in g.direction == .atLeast ? v >= g.target : v <= g.target }
        let status = meets(latest) ? "reached" : meets(projected) ? "on track" : "off track"
        return GoalStatus(latestYear: T, latest: latest, required: required, trend: trend, projected: projected, status: status)
    }

    public static func table(_ goals: [Goal], registry: Registry) throws(Diagnostic) -> Table {
        var name: [String] = [], region: [Int32] = [], ly: [Double] = [], latest: [Double] = [], target: [Double] = []
        var ty: [Double] = [], req: [Double] = [], trend: [Double] = [], proj: [Double] = [], status: [String] = []
        var footer = ["required growth g* = (target / latest)^(1/(target year − latest year)) − 1; trend = CAGR over the last 10 observed years; projected = the trend continued to the target year"]
        guard let dim = goals.first?.spec.cube.region else {
            return Table(columns: [Column("goal", .text([]))], footer: ["no goals yet: goal NAME: INDICATOR for REGION >= VALUE by YEAR"])
        }
        for g in goals {
            let s = try Goals.status(g, registry: registry)
            name.append(g.name); region.append(g.region); ly.append(Double(s.latestYear)); latest.append(s.latest)
            target.append(g.target); ty.append(Double(g.year)); req.append(s.required); trend.append(s.trend)
            proj.append(s.projected); status.append(s.status)
            var line = "\(g.name): \(g.spec.text) for \(g.spec.cube.region.display(g.region)) \(g.direction.rawValue) \(NumberFormatting.exact(g.target)) by \(g.year) — \(s.status)"
            if s.status == "off track" && !s.required.isNaN && !s.trend.isNaN {
                line += "; growth must be \(NumberFormatting.fixed(100 * abs(s.required - s.trend), decimals: 2)) percentage points a year \(g.direction == .atLeast ? "faster" : "slower") than the trend"
            }
            footer.append(line)
        }
        // Goals may come from several datasets; show names through the first one's dimension
        // when they share it, else as codes.
        let sameDim = goals.allSatisfy { $0.spec.cube.region === dim }
        let regionCol: Column = sameDim ? Column("region", .coded(CodeColumn(region), dim), kind: .key)
            : Column("region", .text(goals.map { $0.spec.cube.region.labels[Int($0.region)] }), kind: .key)
        // The goal's own values are shares when every goal's indicator is one.
        let shares = goals.allSatisfy { $0.spec.kind == .share }
        func value(_ n: String, _ v: [Double]) -> Column { var c = Column(n, .number(v), decimals: 4); c.isShare = shares; return c }
        return Table(columns: [
            Column("goal", .text(name), kind: .key), regionCol,
            Column("latest_year", .number(ly), decimals: 0, kind: .key),
            value("latest", latest), value("target", target),
            Column("target_year", .number(ty), decimals: 0, kind: .key),
            Column("required_growth", .number(req), decimals: 4), Column("trend_growth", .number(trend), decimals: 4),
            value("projected", proj), Column("status", .text(status)),
        ], footer: footer)
    }
}
