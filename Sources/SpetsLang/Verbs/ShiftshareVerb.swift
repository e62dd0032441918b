// ShiftshareVerb.swift — `shiftshare`: change split into national share, industry mix and regional shift.
import SpetsCore

extension VerbTable {
    static let shiftshareVerb = VerbSpec(name: "shiftshare", summary: "change split into national share, industry mix and regional shift",
             usage: "shiftshare D.M from Y0 to Y1 [for R, …] [method classic|esteban|dynamic|gerfin] [vs rest | vs R] [by area] [level …] [industries …] [missing skip|zero]",
             takesMeasure: true,
             clauses: [fromYear, toYear, forRegions,
                       ClauseSpec(keyword: "method", shape: .word(ShiftShareMethod.allCases.map(\.rawValue)), required: false,
                                  help: "classic (default), esteban (Esteban-Marquillas), dynamic (year by year), gerfin (multiplicative)"),
                       ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: level sum (default), rest, or a region"),
                       byArea, level, industries, missing],
             details: ["Columns: [region,] industry, base, end, national_share, industry_mix, regional_shift, change (+ homothetic, competitive, allocation; + structural_factor, regional_factor); a TOTAL row per region.",
                       "Without `for`: every region, one block of rows each (a `region` column), each block closed by its TOTAL row."],
             run: { s, call throws(Diagnostic) in try Verbs.shiftshare(s, call) })
}

extension Verbs {
    static func shiftshare(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let (a, b) = try years(call, cube)
        var q = ShiftShareRequest(measure: m, from: a, to: b)
        q.scope = try scope(s, call, cube)
        q.method = method(call, ShiftShareMethod.self) ?? .classic
        do { return try ShiftShare.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
