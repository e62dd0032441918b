// ActivityVerb.swift — `activity`: research: the activity index, an LQ of publications by field against the reference.
import SpetsCore

extension VerbTable {
    static let activityVerb = VerbSpec(name: "activity", summary: "research: the activity index, an LQ of publications by field against the reference",
             usage: "activity D.M in Y0..Y1 [for ORG, …] [vs rest | vs ORG] [level major] [by area]",
             takesMeasure: true,
             clauses: [ClauseSpec(keyword: "in", shape: .years, required: true, help: "the window of publication years, summed (Y0..Y1, or one year)"),
                       ClauseSpec(keyword: "for", shape: .regions, required: false, help: "organisations to show (default: all)"),
                       ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: all organisations loaded (default), `vs rest`, or one organisation (e.g. a country total)"),
                       ClauseSpec(keyword: "level", shape: .words(["major"]), required: false, help: "`level major`: fields summed to their research area (1–6)"),
                       ClauseSpec(keyword: "by", shape: .word(["area"]), required: false, help: "`by area`: the knowledge areas of `link fields to areas`")],
             details: ["AI = (P[o,f] / P[o,·]) / (P[ref,f] / P[ref,·]). Columns: organisation, field (or area), <measure>, share, reference_share, activity."],
             run: { s, call throws(Diagnostic) in try Verbs.activity(s, call) })
}

extension Verbs {
    static func activity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m, w, orgs, ref) = try researchCall(s, call)
        var q = ActivityRequest(measure: m, window: w)
        q.organisations = orgs
        q.reference = ref
        q.major = call.clause("level") != nil
        if let by = call.clause("by") {
            guard !s.fieldLinks.isEmpty else {
                throw Diagnostic(.noResearchFieldsLinkedKnowledge, span: by.span,
                                 help: "link them first:  link fields to areas preset kalmar  (or a CSV of your own)")
            }
            q.areas = s.fieldLinks
        }
        do { return try Research.activity(cube, q, fields: s.researchFields()) } catch { throw error.at(call.span) }
    }
}
