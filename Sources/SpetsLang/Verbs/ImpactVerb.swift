// ImpactVerb.swift — `impact`: research: field-normalised citation impact (MNCS) and the share in the top 10 % most cited.
import SpetsCore

extension VerbTable {
    static let impactVerb = VerbSpec(name: "impact", summary: "research: field-normalised citation impact (MNCS) and the share in the top 10 % most cited",
             usage: "impact D.CITATIONS in Y0..Y1 [for ORG] [vs rest | vs ORG] [weight D.M | full]",
             takesMeasure: true,
             clauses: [ClauseSpec(keyword: "in", shape: .years, required: true, help: "the publication years (Y0..Y1, or one year)"),
                       ClauseSpec(keyword: "for", shape: .regions, required: false, help: "organisations (one: a row per field and TOTAL; default: one row per organisation)"),
                       ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: all organisations loaded (default), `vs rest`, or one organisation"),
                       ClauseSpec(keyword: "weight", shape: .measure, required: false, help: "fractional counting by this measure (default: the `weight` measure when the data have one)"),
                       ClauseSpec(keyword: "full", shape: .flag, required: false, help: "full counting: every publication record counts 1")],
             details: ["Publication records: one row per publication (and organisation). Columns: organisation, [field,] publications, citations, mcs, mncs, top10, pp_top10."],
             run: { s, call throws(Diagnostic) in try Verbs.impact(s, call) })
}

extension Verbs {
    static func impact(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, c, w, orgs, ref) = try researchCall(s, call)
        var q = ImpactRequest(citations: c, window: w)
        q.organisations = orgs
        q.reference = ref
        if let wc = call.clause("weight"), case .measure(let ref) = wc.value {
            guard call.clause("full") == nil else { throw Diagnostic(.chooseOne, span: wc.span) }
            let (wcube, wi) = try s.measure(ref)
            guard wcube === cube else { throw Diagnostic(.weightMustCome, cube.name, span: ref.span) }
            q.weight = wi
        } else if call.clause("full") == nil, let wi = cube.measureIndex("weight"), wi != c {
            q.weight = wi
        }
        do { return try Research.impact(cube, q, fields: s.researchFields()) } catch { throw error.at(call.span) }
    }
}
