// KrugmanVerb.swift — `krugman`: Krugman's dissimilarity: between two regions, or each region against the reference.
import SpetsCore

extension VerbTable {
    static let krugmanVerb = VerbSpec(name: "krugman", summary: "Krugman's dissimilarity: between two regions, or each region against the reference",
             usage: "krugman D.M in YEAR [between R1 and R2] [for R, …] [vs rest | vs mean | vs R] [half] [missing skip|zero]",
             takesMeasure: true,
             clauses: [
                inYear,
                ClauseSpec(keyword: "between", shape: .pair, required: false, help: "two regions compared with each other"),
                forRegions,
                ClauseSpec(keyword: "vs", shape: .reference(allowsMean: true), required: false, help: "reference when not `between`"),
                half, byArea, level, industries, missing,
             ],
             details: ["K = Σ_i |s_a,i − s_b,i| (0–2); `half` gives 0–1."],
             run: { s, call throws(Diagnostic) in try Verbs.krugman(s, call) })
}

extension Verbs {
    static func krugman(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let y = try year(call.clause("in")!, in: cube)
        let half = call.clause("half") != nil
        let ind = try industryChoice(s, call, cube)
        if let b = call.clause("between"), case .pair(let a1, let a2) = b.value {
            if call.clause("for") != nil || call.clause("vs") != nil {
                throw Diagnostic(.comparesTwoRegionsEachOther, span: b.span)
            }
            let ra = try s.resolveRegion(a1, in: cube), rb = try s.resolveRegion(a2, in: cube)
            do { return try Specialisation.pairwise(cube, measure: m, year: y, a: ra, b: rb, half: half, industries: ind, registry: s.registry,
                                                    missing: missingRule(call)) }
            catch { throw error.at(call.span) }
        }
        var q = SpecialisationRequest(measure: m, year: y)
        q.scope = try scope(s, call, cube, industries: ind)
        q.half = half
        let t: Table
        do { t = try Specialisation.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
        return Table(columns: [t.columns[0], t.columns[1]], footer: t.footer.filter { !$0.hasPrefix("variety groups") })
    }
}
