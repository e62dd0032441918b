// RankCommand.swift — `rank`: where a region stands among the regions of its level, on a
// per-region result or an indicator.
import SpetsCore

public struct RankCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "rank", usage: "rank VERB … for R [by COLUMN]  |  rank INDICATOR in YEAR for R", summary: "where a region stands among the regions of its level", summarySV: "var en region står bland regionerna på samma nivå", journaled: true, yieldsTable: true, node: RankCommand.self)
    /// What is ranked: a per-region verb result, or an indicator in a year.
    public enum Subject: Equatable, Sendable {
        case verb(VerbCall)
        case indicator(WrittenIndicator, year: Int)
    }
    public var subject: Subject
    public var region: NameRef
    public var by: NameRef?

    /// rank = "rank" verb_call [ "by" NAME ]        (the call's `for` names the region)
    ///      | "rank" indicator "in" YEAR "for" name ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> RankCommand {
        p.advance()
        if p.peek.kind == .identifier, let spec = VerbTable.named(p.peek.text) {
            var call = try p.parseVerbCall(spec, stopWords: ["by"])
            guard let f = call.clause("for"), case .names(let names) = f.value, names.count == 1 else {
                throw p.error(.needsOneRegion, help: "usage: rank VERB … for R [by COLUMN]")
            }
            call.clauses.removeAll { $0.keyword == "for" }
            var by: NameRef? = nil
            if p.match(word: "by") { by = try p.parseName("a column to rank by") }
            return RankCommand(subject: .verb(call), region: names[0], by: by)
        }
        let ind = try p.parseIndicator()
        try p.expect(word: "in", "before the year (`rank D.M in 2023 for R`)")
        let y = try p.parseYear()
        try p.expect(word: "for", "before the region")
        return RankCommand(subject: .indicator(ind, year: y), region: try p.parseMultiwordName(Parser.nameStops([])), by: nil)
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(table: try e.session.rank(subject, region, by)) }

    /// A key column with one value throughout (the year of an `in YEAR` result).
    static func constant(_ c: Column) -> Bool {
        guard c.count > 1 else { return true }
        switch c.values {
        case .number(let v): return v.allSatisfy { $0 == v[0] }
        case .text(let v): return v.allSatisfy { $0 == v[0] }
        case .coded(let v, _): return v.allSatisfy { $0 == v[0] }
        }
    }
}

extension Session {
    /// `rank`: a per-region result (or an indicator), and where the region stands.
    func rank(_ subject: RankCommand.Subject, _ region: NameRef, _ by: NameRef?) throws(Diagnostic) -> Table {
        switch subject {
        case .indicator(let ind, let year):
            let spec = try indicatorSpec(ind.expr, text: ind.text)
            let r = try resolveRegion(region, in: spec.cube)
            var values = try IndicatorData.values(spec, year: year, registry: registry)
            let lv = registry.regionLevel(spec.cube.region.labels[Int(r)])
            for i in values.indices where registry.regionLevel(spec.cube.region.labels[i]) != lv { values[i] = .nan }
            return try Comparison.rank(values: values, labels: spec.cube.region, region: r, what: "\(spec.text) in \(year), among the regions at its level")
        case .verb(let call):
            guard let spec = VerbTable.named(call.verb) else { throw Diagnostic(.unknownVerb, span: call.span) }
            let t = try spec.run(self, call)
            guard let ri = t.columnIndex("region"), case .coded(let codes, let dim) = t.columns[ri].values else {
                throw Diagnostic(.doesGiveOneRowPer, call.verb, span: call.span, help: "rank works on results such as specialisation or krugman")
            }
            let several = Set(codes).count != codes.count
            let candidates = t.columns.indices.filter { t.columns[$0].kind != .key && t.columns[$0].isNumeric }
            let col: Int
            if let by {
                guard let c = t.columnIndex(by.text), t.columns[c].isNumeric else {
                    throw Diagnostic(.noNumericColumn, by.text, span: by.span,
                                     candidates: Text.suggestions(for: by.text, among: candidates.map { t.columns[$0].name }))
                }
                col = c
            } else if let c = spec.compareColumns?.first.flatMap({ t.columnIndex($0) }) {
                col = c   // the verb's own index (`lq`), not the measure beside it
            } else {
                guard let c = candidates.first else { throw Diagnostic(.nothingNumericRank, span: call.span) }
                col = c
            }
            let r: Int32
            do { r = try NameResolver(dim, registry: registry).resolve(region.text, dataset: "the result") } catch { throw error.at(region.span) }
            // Among the regions at the region's own level (a file's country and NUTS rows
            // beside its counties are not its peers), as for an indicator.
            let level = registry.regionLevel(dim.labels[Int(r)])
            let peer = (0..<dim.count).map { registry.regionLevel(dim.labels[$0]) == level }
            let what = t.columns[col].name == call.verb ? "`\(call.verb)`" : "\(t.columns[col].name) of `\(call.verb)`"
            if several {
                // Several rows per region (an industry each): the region's standing in each.
                let groups = t.columns.indices.filter { $0 != ri && t.columns[$0].kind == .key && !RankCommand.constant(t.columns[$0]) }
                let rows = t.take(codes.indices.filter { peer[Int(codes[$0])] })
                do { return try Comparison.rankWithin(rows, valueColumn: col, regionColumn: ri, region: r, groupColumns: groups, what: what + ", among the regions at its level") }
                catch { throw error.at(call.span) }
            }
            var values = [Double](repeating: Double.nan, count: dim.count)
            if case .number(let v) = t.columns[col].values { for (k, c) in codes.enumerated() where peer[Int(c)] { values[Int(c)] = v[k] } }
            return try Comparison.rank(values: values, labels: dim, region: r, what: what + ", among the regions at its level")
        }
    }
}
