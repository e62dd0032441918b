// Verbs.swift — handlers of the analysis verbs: resolve names, call SpetsCore, return a Table.
import SpetsCore

enum Verbs {
    static func lq(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try s.measure(call.subject!)
        guard case .year(let year) = call.clause("in")!.value else { fatalError("parser guarantees a year") }
        var req = LQRequest(measure: m, year: year)
        if let f = call.clause("for"), case .names(let names) = f.value {
            var rs: [Int32] = []
            for n in names { rs.append(try s.resolveRegion(n, in: cube)) }
            req.regions = rs
        }
        if let v = call.clause("vs") {
            switch v.value {
            case .rest: req.reference = .rest
            case .name(let n): req.reference = .region(try s.resolveRegion(n, in: cube))
            default: break
            }
        }
        do { return try LocationQuotient.compute(cube, req, registry: s.registry) }
        catch { throw error.at(call.span) }
    }
}
