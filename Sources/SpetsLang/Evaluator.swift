// Evaluator.swift — runs one parsed statement against the session and says what came of it.
// It never prints: results go back to the caller as an Outcome.
import SpetsCore

public struct Outcome {
    /// A result table (drawn in the current format).
    public var table: Table?
    /// Text for people that is the result itself (help).
    public var text: String?
    /// Status lines (`loaded …`): stdout for tables, stderr when stdout carries data.
    public var messages: [String] = []
    /// An SVG chart (`plot`): a notebook puts it into the page.
    public var figure: String? = nil
    public init(table: Table? = nil, text: String? = nil, messages: [String] = [], figure: String? = nil) {
        self.table = table; self.text = text; self.messages = messages; self.figure = figure
    }
}

extension Session {
    /// The source text of the statement being executed (set by the runner).
    func statementText(_ st: Statement) -> String { currentText ?? "" }

    public func execute(_ st: Statement) throws(Diagnostic) -> Outcome {
        if case .piped(let inner, let stages) = st.kind {
            var o = try execute(Statement(kind: inner, span: st.span))
            guard var t = o.table else { throw Diagnostic(message: "this statement gives no table to pipe", span: st.span) }
            for stage in stages { try apply(stage, to: &t) }
            o.table = t
            return o
        }
        switch st.kind {
        case .pipeline(let p):
            return Outcome(table: try evaluate(p))
        case .bind(let name, let p):
            try checkBindable(name)
            if case .name(let src) = p.source, datasets[src.text] != nil || datasets.keys.contains(where: { $0.lowercased() == src.text.lowercased() }),
               p.stages.allSatisfy({ if case .filter = $0 { return true }; return false }) {
                // A filtered dataset stays a dataset: verbs can analyse it.
                let cube = try filteredCube(try self.cube(src), p.stages, name: name.text)
                try workspace.save(cube)
                add(cube)
                return Outcome(messages: ["\(name.text): dataset of \(cube.count) rows"])
            }
            let t = try evaluate(p)
            if datasets[name.text] != nil {
                try workspace.drop(name.text)
                datasets[name.text] = nil
                datasetOrder.removeAll { $0 == name.text }
            }
            bindings[name.text] = t
            // Kept as its statement: reopening the workspace evaluates it again.
            try workspace.setDefinition(name: name.text, kind: "let", statement: statementText(st), result: t)
            return Outcome(messages: ["\(name.text): \(t.rowCount) rows"])
        case .fetch(let spec):
            return try fetch(spec)
        case .load(let path, let name, let mapping, let registryKind, let prices):
            return try load(path: path, name: name, mapping: mapping, registryKind: registryKind, prices: prices)
        case .describe(let n):
            return Outcome(table: Describe.table(try cube(n), registry: registry))
        case .datasets:
            return Outcome(table: Describe.list(datasetOrder.map { datasets[$0]! }, bindings: bindings))
        case .help(let topic):
            return Outcome(text: try Help.text(topic, settings.language))
        case .explain(let topic):
            return try explain(topic)
        case .tutorial(let n, let move):
            do { return try tutorial(step: n, move: move) } catch { throw error.at(st.span) }
        case .set(let key, let value):
            return try set(key, value)
        case .export(let p, let path):
            let t = try evaluate(p)
            let file = try outputPath(path)
            defer { if FileIO.exists(file) { wrote(file) } }
            if path.text.lowercased().hasSuffix(".xlsx") {
                do { try FileIO.write(file, bytes: XLSXWriter.workbook(t)) } catch { throw error.at(path.span) }
                return Outcome(messages: ["exported \(t.rowCount) rows to \(path.text) (xlsx)"])
            }
            guard let fmt = OutputFormat.forPath(path.text) else {
                throw Diagnostic(message: "cannot tell the format of \"\(path.text)\" from its extension", span: path.span,
                                 help: "use one of: " + (OutputFormat.all.map { ".\($0.fileExtension)" } + [".xlsx"]).joined(separator: ", "))
            }
            var s = settings
            s.maxRows = Int.max
            s.inertFormulas = true
            do {
                try FileIO.write(file) { (emit) throws(Diagnostic) in
                    let sink = ByteSink(emit: emit)
                    try fmt.write(t, s, to: sink)
                    try sink.flush()
                }
            } catch { throw error.message == Diagnostic.interrupted.message ? error : error.at(path.span) }
            return Outcome(messages: ["exported \(t.rowCount) rows to \(path.text) (\(fmt.name))"])
        case .sql(let q):
            do { return Outcome(table: try workspace.query(q.text, cubes: datasetOrder.map { datasets[$0]! })) }
            catch {
                var e = error
                // Point into the query text: SQLite's offset is within the string literal.
                if let s = e.span { e.span = (q.span.lowerBound + 1 + s.lowerBound)..<(q.span.lowerBound + 1 + s.upperBound) } else { e.span = q.span }
                throw e
            }
        case .open(let path):
            return try open(path)
        case .area(let name, let spec):
            try defineArea(name, spec, text: statementText(st))
            let a = areas[name.text]!
            return Outcome(messages: ["area \(name.text): \(a.members.count) industries (\(a.compactMembers))"])
        case .areas:
            return Outcome(table: areasTable())
        case .indicator, .scenario, .goal:
            do { return Outcome(messages: [try defineForward(st, text: statementText(st), persist: true)]) }
            catch { throw error.at(st.span) }
        case .goals:
            return Outcome(table: try goalsTable())
        case .group(let n, let members):
            try defineGroup(n, members, persist: true, text: statementText(st))
            return Outcome(messages: ["group \(n.text): \(members.count) regions"])
        case .groups:
            return Outcome(table: groupsTable())
        case .compare(let names, let call, let published):
            return Outcome(table: try compare(names, call, published: published))
        case .rank(let subject, let region, let by):
            return Outcome(table: try rank(subject, region, by))
        case .similar(let region, let m, let year, let top, let by, let outside):
            let (cube, mi) = try measure(m)
            let r = try resolveRegion(region, in: cube)
            guard cube.industry != nil else { throw Diagnostic(message: "dataset \(cube.name) has no industries to compare structures", span: m.span) }
            guard cube.distinctYears.contains(year) else { throw Diagnostic(message: "no observations for \(year) in \(cube.name)", span: st.span) }
            do {
                return Outcome(table: try Comparison.similar(cube, measure: mi, year: year, region: r,
                                                              method: by.flatMap { SimilarityMethod(rawValue: $0.text.lowercased()) } ?? .krugman,
                                                              top: top ?? 5, outside: outside?.text, registry: registry))
            } catch { throw error.at(st.span) }
        case .opportunities(let region, let m, let year, let conv, let threshold):
            return Outcome(table: try opportunities(region, m, year, conv, threshold, span: st.span))
        case .convergence(let e, let from, let to, let group, let beta, let all):
            let written = String(statementText(st).drop { !$0.isWhitespace }.drop { $0.isWhitespace })
            let spec = try indicatorSpec(e, text: written.components(separatedBy: " from ").first ?? "")
            var members: [Int32]? = nil
            if let g = group { members = try groupMembers(g, in: spec.cube) }
            do throws(Diagnostic) { return Outcome(table: try Comparison.convergence(spec, from: from, to: to, regions: members, registry: registry, betaTable: beta, balanced: !all)) }
            catch { throw error.at(st.span) }
        case .link(let file, let preset):
            return try linkFields(file: file, preset: preset, text: statementText(st))
        case .strengths(let spec):
            return Outcome(table: try strengths(spec))
        case .plot(let spec):
            return try plot(spec, span: st.span)
        case .chart(let source):
            return try chart(source, span: st.span)
        case .report(let path, let region, let dated):
            return try report(path: path, file: try outputPath(path), region: region, dated: dated)
        case .run, .save, .piped, .history, .edit:
            throw Diagnostic(message: "internal: run and save are handled by the runner", span: st.span)
        }
    }

    /// pipeline: the source's table, then each stage in turn.
    public func evaluate(_ p: Pipeline) throws(Diagnostic) -> Table {
        var t: Table
        switch p.source {
        case .verb(let call):
            guard let spec = VerbTable.named(call.verb) else { throw Diagnostic(message: "unknown verb", span: call.span) }
            t = try spec.run(self, call)
        case .name(let n):
            if let b = bindings[n.text] { t = b }
            else if datasets[n.text] != nil || datasets.keys.contains(where: { $0.lowercased() == n.text.lowercased() }) {
                let c = try cube(n)
                t = Describe.observations(c, only: Self.columnsRead(by: p.stages, from: Describe.observationNames(c)))
            } else {
                throw Diagnostic(message: "unknown name `\(n.text)`", span: n.span,
                                 help: allNames.isEmpty ? "nothing is loaded yet; `help` lists the verbs" : "names: " + allNames.joined(separator: ", "),
                                 candidates: Text.suggestions(for: n.text, among: allNames + CommandTable.statementWords))
            }
        }
        for stage in p.stages { try apply(stage, to: &t) }
        return t
    }

    /// The source columns a pipeline's stages read, when its result keeps no others (a
    /// `select` or `summarise` narrows it, or the result is not shown at all); nil when every
    /// column is needed — or when a name does not resolve, so that the stage reports it
    /// against the whole table.
    static func columnsRead(by stages: [Stage], from names: [String], resultShown: Bool = true) -> Set<Int>? {
        let shape = Table(columns: names.map { Column($0, .number([])) }, footer: [])
        var read: Set<Int> = [], narrows = !resultShown
        func add(_ n: NameRef) -> Bool {
            guard let i = shape.columnIndex(n.text) else { return false }
            read.insert(i)
            return true
        }
        func operands(_ c: Condition) -> [Operand] {
            switch c {
            case .compare(let a, _, let b, _): return [a, b]
            case .and(let x, let y), .or(let x, let y): return operands(x) + operands(y)
            case .not(let x): return operands(x)
            }
        }
        stages: for stage in stages {
            switch stage {
            case .filter(let c, _):
                for case .column(let n) in operands(c) where !add(n) { return nil }
            case .sort(let n, _, _):
                if !add(n) { return nil }
            case .top(_, let by, _):
                if let by, !add(by) { return nil }
            case .select(let cols, _):
                for n in cols where !add(n) { return nil }
                narrows = true
            case .summarise(let aggs, _):
                for case let n? in aggs.map(\.column) where !add(n) { return nil }
                narrows = true
                break stages   // later stages read the summary, not the source
            }
        }
        return narrows ? read : nil
    }

    /// One pipe stage, on the table in place: a filter keeps rows a column at a time (on a
    /// dataset of millions of rows the table never exists twice); the others replace it.
    func apply(_ stage: Stage, to t: inout Table) throws(Diagnostic) {
        switch stage {
        case .filter(let c, _):
            t.keepRows(try Conditions.mask(c, t))
        case .sort(let col, let desc, _):
            t = t.sorted(by: try Conditions.column(col, t), descending: desc)
        case .top(let n, let by, _):
            if let by { t = t.sorted(by: try Conditions.column(by, t), descending: true) }
            t = t.head(n)
        case .select(let cols, _):
            var idx: [Int] = []
            for c in cols { idx.append(try Conditions.column(c, t)) }
            t = t.select(idx)
        case .summarise(let aggs, _):
            var calls: [AggregateCall] = [], cols: [Int?] = []
            for a in aggs {
                let f = Aggregate(rawValue: a.function)!
                var ci: Int? = nil
                if let c = a.column {
                    ci = try Conditions.column(c, t)
                    if f != .count && !t.columns[ci!].isNumeric {
                        throw Diagnostic(message: "`\(a.function)` needs a numeric column; `\(c.text)` holds text", span: c.span)
                    }
                }
                calls.append(AggregateCall(f, a.column.map { _ in t.columns[ci!].name }))
                cols.append(ci)
            }
            t = t.summarise(calls, columnIndex: cols)
        }
    }

    func filteredCube(_ c: Cube, _ stages: [Stage], name: String) throws(Diagnostic) -> Cube {
        var keep = [Bool](repeating: true, count: c.count)
        // Only the filters' columns: the view is read by the masks, never shown.
        let filters = stages.filter { if case .filter = $0 { return true } else { return false } }
        let view = Describe.observations(c, only: Self.columnsRead(by: filters, from: Describe.observationNames(c), resultShown: false))
        for s in stages {
            if case .filter(let cond, _) = s {
                let m = try Conditions.mask(cond, view)
                for k in keep.indices where !m[k] { keep[k] = false }
            }
        }
        return c.subset(keep, name: name)
    }

    func set(_ key: NameRef, _ value: NameRef) throws(Diagnostic) -> Outcome {
        switch key.text.lowercased() {
        case "format":
            guard let f = OutputFormat.named(value.text) else {
                throw Diagnostic(message: "unknown format `\(value.text)`", span: value.span,
                                 help: "formats: " + OutputFormat.all.map(\.name).joined(separator: ", "),
                                 candidates: Text.suggestions(for: value.text, among: OutputFormat.all.map(\.name)))
            }
            settings.format = f
        case "decimals", "rows":
            guard let n = Int(value.text), n >= 0, n <= (key.text.lowercased() == "rows" ? 1_000_000 : 12) else {
                throw Diagnostic(message: "`set \(key.text)` takes a whole number\(key.text.lowercased() == "decimals" ? " from 0 to 12" : "")", span: value.span)
            }
            if key.text.lowercased() == "decimals" { settings.decimals = n } else { settings.maxRows = max(n, 1) }
        case "pager":
            guard let p = RenderSettings.Pager(rawValue: value.text.lowercased()) else {
                throw Diagnostic(message: "`set pager` takes auto, on or off", span: value.span)
            }
            settings.pager = p
        case "lang", "language":
            guard let l = Language(rawValue: value.text.lowercased()) else {
                throw Diagnostic(message: "unknown language `\(value.text)`", span: value.span, help: "languages: en, sv")
            }
            settings.language = l
        default:
            guard let l = NumberLocale(rawValue: value.text.lowercased()) else {
                throw Diagnostic(message: "unknown locale `\(value.text)`", span: value.span, help: "locales: en, sv")
            }
            settings.locale = l
        }
        return Outcome()
    }
}
