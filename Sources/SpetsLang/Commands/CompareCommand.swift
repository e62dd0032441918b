// CompareCommand.swift — `compare R1, R2, … on VERB …`: one mechanism over every verb, the
// regions (or groups, as the sums of their members) side by side.
import SpetsCore

public struct CompareCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "compare", usage: "compare R1, R2, … on VERB …", summary: "run an analysis for several regions (or groups) side by side", summarySV: "kör en analys för flera regioner (eller grupper) sida vid sida", journaled: true, yieldsTable: true, node: CompareCommand.self)
    public var regions: [NameRef]
    public var call: VerbCall
    /// A group that the data also hold as a row of its own uses that row.
    public var published: Bool

    /// compare = "compare" name { "," name } "on" verb_call [ "published" ] ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> CompareCommand {
        p.advance()
        let names = try p.parseNameList(Parser.nameStops(["on"]))
        try p.expect(word: "on", "before the analysis (`compare A, B on lq …`)")
        guard p.peek.kind == .identifier, let spec = VerbTable.named(p.peek.text) else {
            throw p.error(.expectedAnalysisVerbAfterFound, p.describe(p.peek),
                          help: "verbs: " + VerbTable.all.map(\.name).joined(separator: ", "),
                          candidates: p.peek.kind == .identifier ? Text.suggestions(for: p.peek.text, among: VerbTable.all.map(\.name)) : [])
        }
        let call = try p.parseVerbCall(spec, stopWords: ["published"])
        if let f = call.clause("for") {
            throw Diagnostic(.givesRegionsDropAnalysis, span: f.span)
        }
        var published = false
        if p.peek.kind == .identifier && p.peek.text.lowercased() == "published" { p.advance(); published = true }
        return CompareCommand(regions: names, call: call, published: published)
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        Outcome(table: try e.session.compare(regions, call, published: published))
    }
}

extension Session {
    /// Cells (rows × regions) of the largest `compare` table: 20 million.
    static let compareCellLimit = 20_000_000

    /// `compare R1, R2, … on VERB …`: the verb once per region (a group as the sum of its
    /// members), laid side by side: a row per key (industry, area, component) and measure,
    /// a column per region.
    func compare(_ names: [NameRef], _ call: VerbCall, published: Bool = false) throws(Diagnostic) -> Table {
        guard let spec = VerbTable.named(call.verb) else { throw Diagnostic(.unknownVerb, span: call.span) }
        let datasetRef: NameRef
        if let s = call.subject { datasetRef = s.dataset } else if let i = call.indicator, let d = indicatorDataset(i) { datasetRef = d }
        else { throw Diagnostic(.needsAnalysisDataset, span: call.span) }
        let base = try cube(datasetRef)
        var results: [(String, Table)] = []
        var notes: [String] = []
        defer { datasetOverrides = [:] }
        for (i, n) in names.enumerated() {
            // One verb run per region: long for hundreds of regions on a big panel, so it
            // reports progress and stops at Ctrl-C between regions.
            try Diagnostic.checkInterrupt()
            Progress.report(done: i, total: names.count, unit: .regions)
            var c = base
            var regionText = n.text
            // A group is the sum of its members under the analysis' own cell rule; its
            // published row (SE21 for Småland med öarna) only when asked: `published`.
            let ownRow = try? resolveRegion(n, in: base)
            if published, group(named: n.text) != nil, let row = ownRow {
                notes.append("\(n.text): the dataset's own row \(base.region.labels[Int(row)]) (published), not the sum of its members")
            }
            if group(named: n.text) != nil && (ownRow == nil || !published) {
                let members = try groupMembers(n, in: base)
                notes.append("\(n.text): the sum of its \(members.count) member regions (" + members.prefix(8).map { base.region.labels[Int($0)] }.joined(separator: ", ") + (members.count > 8 ? ", …" : "") + ")" + (ownRow != nil ? "; the dataset's own row is used with `published`" : ""))
                let lv = members.map { registry.regionLevel(base.region.labels[Int($0)]) }.first ?? -1
                let (agg, _) = base.addingAggregate(code: n.text, name: group(named: n.text)?.title ?? n.text, members: members, level: lv)
                c = agg
                regionText = n.text
            } else {
                _ = try resolveRegion(n, in: base)
            }
            datasetOverrides[base.name] = c
            var one = call
            one.clauses.append(Clause(keyword: "for", value: .names([NameRef(text: regionText, span: n.span)]), span: n.span))
            let t: Table
            do { t = try spec.run(self, one) } catch { throw error.at(n.span) }
            let label = c.region.labels[Int(try NameResolver(c.region, registry: registry).resolve(regionText, dataset: c.name))]
            results.append((label, t))
            datasetOverrides = [:]
            // The side-by-side table holds a cell per row of one result and region: refuse
            // before building what would not fit in memory.
            if i == 0 && t.rowCount * names.count > Self.compareCellLimit {
                throw Diagnostic(.wouldLayOutRowsRegions, t.rowCount, names.count, t.rowCount * names.count, Self.compareCellLimit,
                                 span: call.span,
                                 help: "narrow the analysis (`industries …`, one year, `level …`) or compare fewer regions; for every region, run the verb without `compare` and `export` it")
            }
        }
        // The reference: the same verb for the sum of the regions at the first region's level
        // (what the default reference is), as one more column.
        if let first = names.first, let r0 = try? resolveRegion(first, in: base) {
            let lv = registry.regionLevel(base.region.labels[Int(r0)])
            let peers = (0..<base.region.count).filter { registry.regionLevel(base.region.labels[$0]) == lv && base.aggregateLevels[Int32($0)] == nil }
                .map(Int32.init)
            let code = "reference"
            if peers.count > 1, base.region.index(of: code) == nil {
                let (agg, _) = base.addingAggregate(code: code, name: "sum of the \(peers.count) regions at the level", members: peers, level: lv)
                datasetOverrides[base.name] = agg
                var one = call
                one.clauses.append(Clause(keyword: "for", value: .names([NameRef(text: code, span: call.span)]), span: call.span))
                if let t = try? spec.run(self, one) { results.append((code, t)) }
                datasetOverrides = [:]
            }
        }
        var t = Self.sideBySide(results, valueColumns: spec.compareColumns, verb: spec.name)
        t.footer.insert(contentsOf: notes, at: min(1, t.footer.count))
        return t
    }

    func indicatorDataset(_ e: IndicatorExpr) -> NameRef? {
        switch e {
        case .measure(let m), .ratio(let m, _), .share(let m, _), .areaSum(let m, _): return m.dataset
        case .named(let n): return indicators[n.text].flatMap { indicatorDataset($0.0) }
        }
    }

    static func sideBySide(_ results: [(String, Table)], valueColumns: [String]?, verb: String) -> Table {
        guard let first = results.first?.1 else { return Table(columns: []) }
        let keyCols = first.columns.indices.filter { first.columns[$0].kind == .key && !["region", "year"].contains(first.columns[$0].name) }
        let values = first.columns.indices.filter { i in
            first.columns[i].kind != .key && first.columns[i].isNumeric && (valueColumns?.contains(first.columns[i].name) ?? true)
        }.map { first.columns[$0].name }
        var order: [String] = [], keyText: [String: [String]] = [:], measureOf: [String: String] = [:]
        var cells: [String: [String: Double]] = [:]
        for (label, t) in results {
            for r in 0..<t.rowCount {
                let keys = keyCols.compactMap { i -> String? in
                    guard let j = t.columnIndex(first.columns[i].name) else { return nil }
                    return t.columns[j].machineText(r)
                }
                for v in values {
                    guard let j = t.columnIndex(v), let x = t.columns[j].number(r) else { continue }
                    let id = keys.joined(separator: "\u{1F}") + "\u{1F}" + v
                    if cells[id] == nil { order.append(id); keyText[id] = keys; measureOf[id] = v; cells[id] = [:] }
                    cells[id]![label] = x
                }
            }
        }
        var columns: [Column] = []
        for (k, i) in keyCols.enumerated() {
            columns.append(Column(first.columns[i].name, .text(order.map { keyText[$0]![safe: k] ?? "" }), kind: .key))
        }
        if values.count > 1 || keyCols.isEmpty { columns.append(Column("measure", .text(order.map { measureOf[$0]! }), kind: .key)) }
        let decimals = values.count == 1 ? first.columns[first.columnIndex(values[0])!].decimals : nil
        for (label, _) in results {
            var c = Column(label, .number(order.map { cells[$0]![label] ?? .nan }), decimals: decimals)
            c.literalName = true
            columns.append(c)
        }
        // Each column's reference line; one line when they are all the same.
        let refs = results.compactMap { r in r.1.footer.first { $0.hasPrefix("reference") }.map { (r.0, $0) } }
        // (The `reference` column's own line reads `reference column: …`, not
        // `reference: reference: …`.)
        let refLines = Set(refs.map(\.1)).count == 1 ? [refs[0].1]
            : refs.map { $0.0 == "reference" ? "reference column: " + $0.1.dropFirst("reference: ".count) : "\($0.0): \($0.1)" }
        return Table(columns: columns, footer: ["compare: `\(verb)` for each region (a group as the sum of its members), side by side; `reference` = the same for the sum of the regions at the first region's level"] + first.footer.filter { !$0.hasPrefix("reference") }
                     + refLines)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
