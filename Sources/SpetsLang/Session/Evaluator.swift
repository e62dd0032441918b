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
    /// Runs one statement: a pipeline, a binding, or a command (which runs itself), then the
    /// pipe stages after a command. `runner` is the loop running it (nil inside another).
    public func execute(_ st: Statement, runner: Runner? = nil) throws(Diagnostic) -> Outcome {
        switch st.kind {
        case .pipeline(let p):
            return Outcome(table: try evaluate(p))
        case .bind(let name, let p):
            return try bind(name, p, text: st.text)
        case .command(let c):
            var o = try c.node.run(Evaluation(session: self, statement: st, runner: runner))
            guard !c.stages.isEmpty else { return o }
            guard var t = o.table else { throw Diagnostic(.statementGivesNoTablePipe, span: st.span) }
            for stage in c.stages { try apply(stage, to: &t) }
            o.table = t
            return o
        }
    }

    /// `let NAME = …`: a filtered dataset stays a dataset (verbs can analyse it); any other
    /// result is kept with its statement, and its table, for a reopen.
    func bind(_ name: NameRef, _ p: Pipeline, text: String) throws(Diagnostic) -> Outcome {
        try checkBindable(name)
        if case .name(let src) = p.source, datasets[src.text] != nil || datasets.keys.contains(where: { $0.lowercased() == src.text.lowercased() }),
           p.stages.allSatisfy({ if case .filter = $0 { return true }; return false }) {
            let cube = try filteredCube(try self.cube(src), p.stages, name: name.text)
            try workspace.save(cube)
            add(cube)
            return Outcome(messages: ["\(name.text): dataset of \(cube.count) rows"])
        }
        let t = try evaluate(p)
        let replaced = datasets[name.text] != nil
        if replaced {
            try workspace.drop(name.text)
            datasets[name.text] = nil
            datasetOrder.removeAll { $0 == name.text }
        }
        bindings[name.text] = t
        try workspace.setDefinition(name: name.text, kind: "let", statement: text, result: t)
        // A dataset of that name is gone: say so (verbs read datasets, not results).
        return Outcome(messages: ["\(name.text): \(t.rowCount) rows" + (replaced ? "; this result replaces the dataset \(name.text) (load it again to analyse it)" : "")])
    }

    /// pipeline: the source's table, then each stage in turn.
    public func evaluate(_ p: Pipeline) throws(Diagnostic) -> Table {
        var t: Table
        switch p.source {
        case .verb(let call):
            guard let spec = VerbTable.named(call.verb) else { throw Diagnostic(.unknownVerb, span: call.span) }
            t = try spec.run(self, call)
        case .command(let c):
            let st = Statement(kind: .command(c), span: p.span, text: "")
            guard let table = try c.node.run(Evaluation(session: self, statement: st, runner: nil)).table else {
                throw Diagnostic(.statementGivesNoTablePipe, span: p.span)
            }
            t = table
        case .name(let n):
            if let b = bindings[n.text] { t = b }
            else if datasets[n.text] != nil || datasets.keys.contains(where: { $0.lowercased() == n.text.lowercased() }) {
                let c = try cube(n)
                t = Describe.observations(c, only: Self.columnsRead(by: p.stages, from: Describe.observationNames(c)))
            } else {
                throw Diagnostic(.unknownName, n.text, span: n.span,
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
            let conditions = Conditions(registry: registry, decimalComma: settings.locale == .sv)
            let keep = try conditions.mask(c, t)
            // A `where` that keeps nothing says why (before the rows go).
            let why = t.rowCount > 0 && !keep.contains(true) ? try conditions.whyNoRow(c, t) : []
            t.keepRows(keep)
            t.footer += why
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
                let f = a.function
                var ci: Int? = nil
                if let c = a.column {
                    ci = try Conditions.column(c, t)
                    if f != .count && !t.columns[ci!].isNumeric {
                        throw Diagnostic(.needsNumericColumnHoldsText, f.rawValue, c.text, span: c.span)
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
                let m = try Conditions(registry: registry, decimalComma: settings.locale == .sv).mask(cond, view)
                for k in keep.indices where !m[k] { keep[k] = false }
            }
        }
        return c.subset(keep, name: name)
    }
}
