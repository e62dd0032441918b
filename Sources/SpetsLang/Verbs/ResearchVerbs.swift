// ResearchVerbs.swift — the research verbs `activity` and `impact` (publications per
// organisation and field, against a reference).
import SpetsCore

extension Verbs {
    static func window(_ c: Clause) -> ClosedRange<Int>? {
        switch c.value {
        case .year(let y): return y...y
        case .yearRange(let a, let b): return a <= b ? a...b : nil
        default: return nil
        }
    }

    static func researchReference(_ s: Session, _ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> ResearchReference {
        guard let v = call.clause("vs") else { return .all }
        switch v.value {
        case .rest: return .rest
        case .name(let n): return .organisation(try s.resolveRegion(n, in: cube))
        default: throw Diagnostic(message: "`vs mean` does not apply to research indicators", span: v.span, help: "use `vs rest` or `vs ORGANISATION`")
        }
    }

    /// What both research verbs read: the dataset and measure, the window, the organisations
    /// and the reference.
    static func researchCall(_ s: Session, _ call: VerbCall) throws(Diagnostic)
        -> (cube: Cube, measure: Int, window: ClosedRange<Int>, organisations: [Int32]?, reference: ResearchReference) {
        let (cube, m) = try s.measure(call.subject!)
        guard let w = window(call.clause("in")!) else { throw Diagnostic(message: "the window runs backwards", span: call.clause("in")!.span) }
        return (cube, m, w, try regions(s, call, cube), try researchReference(s, call, cube))
    }

    static func activity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m, w, orgs, ref) = try researchCall(s, call)
        var q = ActivityRequest(measure: m, window: w)
        q.organisations = orgs
        q.reference = ref
        q.major = call.clause("level") != nil
        if let by = call.clause("by") {
            guard !s.fieldLinks.isEmpty else {
                throw Diagnostic(message: "no research fields are linked to knowledge areas", span: by.span,
                                 help: "link them first:  link fields to areas preset kalmar  (or a CSV of your own)")
            }
            q.areas = s.fieldLinks
        }
        do { return try Research.activity(cube, q, fields: s.researchFields()) } catch { throw error.at(call.span) }
    }

    static func impact(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, c, w, orgs, ref) = try researchCall(s, call)
        var q = ImpactRequest(citations: c, window: w)
        q.organisations = orgs
        q.reference = ref
        if let wc = call.clause("weight"), case .measure(let ref) = wc.value {
            guard call.clause("full") == nil else { throw Diagnostic(message: "choose one of `weight` and `full`", span: wc.span) }
            let (wcube, wi) = try s.measure(ref)
            guard wcube === cube else { throw Diagnostic(message: "the weight must come from \(cube.name)", span: ref.span) }
            q.weight = wi
        } else if call.clause("full") == nil, let wi = cube.measureIndex("weight"), wi != c {
            q.weight = wi
        }
        do { return try Research.impact(cube, q, fields: s.researchFields()) } catch { throw error.at(call.span) }
    }
}
