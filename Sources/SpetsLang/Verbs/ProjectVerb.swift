// ProjectVerb.swift — `project INDICATOR for R to YEAR`: an indicator carried forward (trend,
// CAGR or shift-share), with scenarios beside the base.
import SpetsCore

extension Verbs {
    static func project(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let spec = try s.indicatorSpec(call.indicator!, text: call.indicatorText)
        guard let rs = try regions(s, call, spec.cube), rs.count == 1 else {
            throw Diagnostic(message: "`project` is for one region: `for R`", span: call.clause("for")!.span)
        }
        guard case .year(let to) = call.clause("to")!.value else { throw Diagnostic(message: "expected a year", span: call.span) }
        var q = ProjectionRequest(spec: spec, region: rs[0], to: to)
        if let w = call.clause("from"), case .yearRange(let a, let b) = w.value {
            guard a < b else { throw Diagnostic(message: "the window \(a)..\(b) runs backwards", span: w.span) }
            q.window = a...b
        }
        q.method = method(call, ProjectionMethod.self) ?? .cagr
        if let f = call.clause("factor"), case .number(let v) = f.value {
            guard q.method == .shiftshare else { throw Diagnostic(message: "`factor` applies to `method shiftshare`", span: f.span) }
            q.factor = v
        }
        if let sc = call.clause("scenario"), case .names(let names) = sc.value {
            for n in names {
                guard let scen = s.scenarios[n.text] else {
                    throw Diagnostic(message: "no scenario `\(n.text)`", span: n.span,
                                     help: s.scenarioOrder.isEmpty ? "define one: scenario \(n.text): growth kis +3%/yr from 2024" : "scenarios: " + s.scenarioOrder.joined(separator: ", "),
                                     candidates: Text.suggestions(for: n.text, among: s.scenarioOrder))
                }
                q.scenarios.append(scen)
            }
        }
        do { return try Projection.compute(q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
