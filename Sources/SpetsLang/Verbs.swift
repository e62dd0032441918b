// Verbs.swift — handlers of the analysis verbs: resolve names, call SpetsCore, return a Table.
import SpetsCore

enum Verbs {
    /// The year of an `in YEAR` clause, checked against the data so the caret lands on it.
    static func year(_ c: Clause, in cube: Cube) throws(Diagnostic) -> Int {
        guard case .year(let y) = c.value else { throw Diagnostic(message: "expected a year", span: c.span) }
        let ys = cube.distinctYears
        guard ys.contains(y) else {
            let span = ys.isEmpty ? "none" : ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)"
            throw Diagnostic(message: "no observations for \(y) in \(cube.name)", span: c.span, help: "years in \(cube.name): \(span)")
        }
        return y
    }

    static func lq(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try s.measure(call.subject!)
        let year = try Verbs.year(call.clause("in")!, in: cube)
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
