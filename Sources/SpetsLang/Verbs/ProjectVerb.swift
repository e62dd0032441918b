// ProjectVerb.swift — `project`: an indicator toward a target year: CAGR, trend, log-trend or shift-share, with scenarios.
import SpetsCore

extension VerbTable {
    static let projectVerb = VerbSpec(name: "project", summary: "an indicator toward a target year: CAGR, trend, log-trend or shift-share, with scenarios",
             usage: "project INDICATOR for R to YEAR [from Y0..Y1] [method cagr|trend|logtrend|shiftshare] [scenario S, …] [factor F]",
             takesMeasure: false,
             clauses: [ClauseSpec(keyword: "for", shape: .regions, required: true, help: "the region"),
                       ClauseSpec(keyword: "to", shape: .year, required: true, help: "the target year"),
                       ClauseSpec(keyword: "from", shape: .yearRange, required: false, help: "the base window Y0..Y1 (default: the last 10 observed years)"),
                       ClauseSpec(keyword: "method", shape: .word(ProjectionMethod.allCases.map(\.rawValue)), required: false,
                                  help: "cagr (default), trend, logtrend (both with a 95 % band), shiftshare"),
                       ClauseSpec(keyword: "scenario", shape: .regions, required: false, help: "scenarios to show beside the base"),
                       ClauseSpec(keyword: "factor", shape: .number, required: false, help: "shift-share: the regional factor (default: the window's Gerfin factor; 1 = constant shares)")],
             details: ["INDICATOR: D.M | D.M per D.M | share D.M of AREA | D.M of AREA | a named indicator.",
                       "Columns: [scenario,] region, year, value, lower, upper, kind (observed|projected)."],
             takesIndicator: true,
             run: { s, call throws(Diagnostic) in try Verbs.project(s, call) })
}

extension Verbs {
    static func project(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let spec = try s.indicatorSpec(call.indicator!, text: call.indicatorText)
        guard let rs = try regions(s, call, spec.cube), rs.count == 1 else {
            throw Diagnostic(.oneRegion2, span: call.clause("for")!.span)
        }
        guard case .year(let to) = call.clause("to")!.value else { throw Diagnostic(.expectedYear, span: call.span) }
        var q = ProjectionRequest(spec: spec, region: rs[0], to: to)
        if let w = call.clause("from"), case .yearRange(let a, let b) = w.value {
            guard a < b else { throw Diagnostic(.windowRunsBackwards, a, b, span: w.span) }
            q.window = a...b
        }
        q.method = method(call, ProjectionMethod.self) ?? .cagr
        if let f = call.clause("factor"), case .number(let v) = f.value {
            guard q.method == .shiftshare else { throw Diagnostic(.applies, span: f.span) }
            q.factor = v
        }
        if let sc = call.clause("scenario"), case .names(let names) = sc.value {
            for n in names {
                guard let scen = s.scenarios[n.text] else {
                    throw Diagnostic(.noScenario, n.text, span: n.span,
                                     help: s.scenarioOrder.isEmpty ? "define one: scenario \(n.text): growth kis +3%/yr from 2024" : "scenarios: " + s.scenarioOrder.joined(separator: ", "),
                                     candidates: Text.suggestions(for: n.text, among: s.scenarioOrder))
                }
                q.scenarios.append(scen)
            }
        }
        do { return try Projection.compute(q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
