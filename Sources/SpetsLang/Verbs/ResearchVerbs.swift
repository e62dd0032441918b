// ResearchVerbs.swift — what the research verbs `activity` and `impact` share: the
// publication window, the organisations and the reference.
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
        default: throw Diagnostic(.doesApplyResearchIndicators, span: v.span, help: "use `vs rest` or `vs ORGANISATION`")
        }
    }

    /// What both research verbs read: the dataset and measure, the window, the organisations
    /// and the reference.
    static func researchCall(_ s: Session, _ call: VerbCall) throws(Diagnostic)
        -> (cube: Cube, measure: Int, window: ClosedRange<Int>, organisations: [Int32]?, reference: ResearchReference) {
        let (cube, m) = try s.measure(call.subject!)
        guard let w = window(call.clause("in")!) else { throw Diagnostic(.windowRunsBackwards2, span: call.clause("in")!.span) }
        return (cube, m, w, try regions(s, call, cube), try researchReference(s, call, cube))
    }
}
