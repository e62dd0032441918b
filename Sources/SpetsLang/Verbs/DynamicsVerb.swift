// DynamicsVerb.swift — `dynamics`: firm-level productivity change: survivors, entrants, exiters (Melitz-Polanec, FHK).
import SpetsCore

extension VerbTable {
    static let dynamicsVerb = VerbSpec(name: "dynamics", summary: "firm-level productivity change: survivors, entrants, exiters (Melitz-Polanec, FHK)",
             usage: "dynamics F.PRODUCTIVITY weight F.EMPLOYMENT from Y0 to Y1 [method mp|fhk]",
             takesMeasure: true,
             clauses: [ClauseSpec(keyword: "weight", shape: .measure, required: true, help: "the weight (e.g. employment)"),
                       fromYear, toYear,
                       ClauseSpec(keyword: "method", shape: .word(DynamicsMethod.allCases.map(\.rawValue)), required: false,
                                  help: "mp (Melitz-Polanec, default) or fhk (Foster-Haltiwanger-Krizan)")],
             details: ["Columns: component, value. Needs a firm (or plant, id) dimension."],
             run: { s, call throws(Diagnostic) in try Verbs.dynamics(s, call) })
}

extension Verbs {
    static func dynamics(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, phi) = try s.measure(call.subject!)
        guard let wc = call.clause("weight"), case .measure(let ref) = wc.value else { throw Diagnostic(.needsMeasure, span: call.span) }
        let (c2, w) = try s.measure(ref)
        guard c2 === cube else { throw Diagnostic(.weightMustComeSameDataset, span: ref.span) }
        let (a, b) = try years(call, cube)
        var q = DynamicsRequest(productivity: phi, weight: w, from: a, to: b)
        q.method = method(call, DynamicsMethod.self) ?? .mp
        do { return try FirmDynamics.compute(cube, q) } catch { throw error.at(call.span) }
    }
}
