// PlotCommand.swift — `plot EXPR as KIND [options] [to "FILE.svg"]`: any statement that
// yields a table is a source; the plot options are one table (parser, help and completion);
// the analysis gives the table, the chart kinds in SpetsCore draw it.
import SpetsCore

/// `plot … as bubble log title "…" to "p.svg"`
public struct PlotCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "plot", usage: "plot EXPRESSION as " + ChartKind.all.map(\.name).joined(separator: "|") + " [" + PlotOptions.all.map { $0.keyword + ($0.shape == .flag ? "" : " …") }.joined(separator: "] [") + "] [to \"FILE.svg\"]",
                summary: "draw a result as an SVG chart (in a notebook without `to`, into the page)", summarySV: "rita ett resultat som ett SVG-diagram (i en anteckningsbok utan `to`, in på sidan)", journaled: true, contained: false, takesPath: true,
                details: ChartKind.all.map { "\($0.name.padded(to: 9, right: false)) \($0.summary); reads \($0.reads)" }
                    + [""] + PlotOptions.all.map { "\($0.keyword.padded(to: 9, right: false)) \($0.help)" }, node: PlotCommand.self)

    public struct Option: Equatable, Sendable {
        public var keyword: NameRef
        public var values: [NameRef]
    }
    public var source: Statement
    public var kind: NameRef
    public var options: [Option]
    public var path: NameRef?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> PlotCommand { try p.parsePlot() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { try e.session.plot(self, span: e.span) }

    /// The chart kinds after `as`, then the options.
    public static func complete(_ c: CompletionContext) -> [String]? {
        let toks = c.tokens
        guard toks.count >= 2 else { return nil }
        if c.last.isWord("as") { return ChartKind.all.map(\.name) }
        if let a = toks.lastIndex(where: { $0.isWord("as") }), a < toks.count - 1 { return PlotOptions.all.map(\.keyword) + ["to"] }
        return nil
    }
}

public struct PlotOptionSpec: Sendable {
    public enum Shape: Sendable { case flag, string, name, names }
    public var keyword: String
    public var shape: Shape
    public var help: String
}

public enum PlotOptions {
    public static let all: [PlotOptionSpec] = [
        PlotOptionSpec(keyword: "title", shape: .string, help: "the chart's title (default: the result's first footer line)"),
        PlotOptionSpec(keyword: "value", shape: .name, help: "the column to draw (bars, line, heatmap; default: the last numeric column)"),
        PlotOptionSpec(keyword: "x", shape: .name, help: "bubble: `x lq_change` puts the LQ change on x instead of relative growth"),
        PlotOptionSpec(keyword: "log", shape: .flag, help: "bubble: LQ on a log scale"),
        PlotOptionSpec(keyword: "goal", shape: .names, help: "line: mark these goals' targets (`goal g1, g2`)"),
    ]
    static func named(_ n: String) -> PlotOptionSpec? { all.first { $0.keyword == n.lowercased() } }
}

extension Parser {
    /// plot = "plot" table_statement "as" KIND { plot_option } [ "to" STRING ] ;
    mutating func parsePlot() throws(Diagnostic) -> PlotCommand {
        advance()
        let source = try parseTableSource(stop: ["as", "to"], context: "plot")
        guard match(word: "as") else {
            throw error(.expectedAfterWhatPlotFound, describe(peek),
                        help: "kinds: " + ChartKind.all.map(\.name).joined(separator: ", "))
        }
        let kindTok = peek
        guard kindTok.kind == .identifier, ChartKind.named(kindTok.text) != nil else {
            throw error(.unknownChartKind, describe(kindTok), help: "kinds: " + ChartKind.all.map(\.name).joined(separator: ", "),
                        candidates: kindTok.kind == .identifier ? Text.suggestions(for: kindTok.text, among: ChartKind.all.map(\.name)) : [])
        }
        advance()
        var options: [PlotCommand.Option] = []
        while !atStatementEnd && !peek.isWord("to") {
            let kw = peek
            guard kw.kind == .identifier, let spec = PlotOptions.named(kw.text) else {
                throw error(.unexpectedInPlot, describe(kw), PlotOptions.all.map(\.keyword).joined(separator: ", "),
                            candidates: kw.kind == .identifier ? Text.suggestions(for: kw.text, among: PlotOptions.all.map(\.keyword) + ["to"]) : [])
            }
            if options.contains(where: { $0.keyword.text.lowercased() == spec.keyword }) { throw error(.givenTwice, spec.keyword) }
            advance()
            let keyword = NameRef(text: spec.keyword, span: kw.span)
            switch spec.shape {
            case .flag: options.append(.init(keyword: keyword, values: []))
            case .string: options.append(.init(keyword: keyword, values: [try parseString("a title in quotes")]))
            case .name: options.append(.init(keyword: keyword, values: [try parseIdentifier("a column name")]))
            case .names:
                var vs = [try parseIdentifier("a name")]
                while match(symbol: ",") { vs.append(try parseIdentifier("a name")) }
                options.append(.init(keyword: keyword, values: vs))
            }
        }
        var path: NameRef? = nil
        if match(word: "to") { path = try parseOutputPath("an SVG file path") }
        return PlotCommand(source: source, kind: NameRef(text: kindTok.text.lowercased(), span: kindTok.span), options: options, path: path)
    }

    /// Any statement that yields a table: a pipeline or a table command with its stages.
    mutating func parseTableSource(stop: Set<String>, context: String) throws(Diagnostic) -> Statement {
        let saved = stopWords
        stopWords.formUnion(stop)
        defer { stopWords = saved }
        let first = peek
        let inner = try parseStatement()
        switch inner.kind {
        case .pipeline: return inner
        case .command(let c) where c.node.spec.yieldsTable: return inner
        default:
            let example = ["plot": " as bubble to \"p.svg\"", "export": " to \"p.csv\""][context] ?? ""
            throw Diagnostic(context == "plot" || context == "chart" ? .drawsResultTableDoesGive : .takesResultTableDoesGive, context, first.text, span: inner.span,
                             help: "e.g. \(context)\(context == "let" ? " p =" : "") portfolio se.employment from 2010 to 2023 for Kalmar\(example)")
        }
    }
}

extension Session {
    /// The table of the statement inside `plot` or `chart` (which carries its own text).
    func innerTable(_ inner: Statement) throws(Diagnostic) -> Table {
        guard let t = try execute(inner).table else { throw Diagnostic(.statementGivesNoTableDraw, span: inner.span) }
        return t
    }

    func plot(_ spec: PlotCommand, span: Range<Int>) throws(Diagnostic) -> Outcome {
        let t = try innerTable(spec.source)
        let kind = ChartKind.named(spec.kind.text)!
        var o = ChartOptions()
        o.language = settings.language
        o.locale = settings.locale
        for opt in spec.options {
            switch opt.keyword.text {
            case "title": o.title = opt.values[0].text
            case "value": o.value = opt.values[0].text
            case "x": o.x = opt.values[0].text
            case "log": o.log = true
            case "goal":
                for n in opt.values {
                    guard let g = goals.first(where: { $0.name.lowercased() == n.text.lowercased() }) else {
                        throw Diagnostic(.noGoal, n.text, span: n.span,
                                         help: goals.isEmpty ? "define one: goal NAME: INDICATOR for R >= VALUE by YEAR" : "goals: " + goals.map(\.name).joined(separator: ", "),
                                         candidates: Text.suggestions(for: n.text, among: goals.map(\.name)))
                    }
                    let goal = try resolveGoal(g.goal, text: g.text)
                    o.targets.append(ChartTarget(name: goal.name, op: goal.direction == .atMost ? "<=" : ">=", value: goal.target, year: goal.year))
                }
            default: break
            }
        }
        let svg: String
        do { svg = try kind.render(t, o) } catch { throw error.at(spec.kind.span) }
        guard let written = spec.path else {
            guard inlineFigures else {
                throw Diagnostic(.needsFileHereAdd, span: span,
                                 help: "in a notebook the chart goes into the page; in the terminal `chart …` draws with characters")
            }
            return Outcome(figure: svg)
        }
        guard written.text.lowercased().hasSuffix(".svg") else {
            throw Diagnostic(.chartsWrittenSvgFileName, span: written.span)
        }
        let file = try outputPath(written)
        defer { if FileIO.exists(file) { wrote(file) } }
        do {
            // `to "out/p.svg"`: a chart folder is made when missing.
            if let slash = file.lastIndex(of: "/"), slash != file.startIndex { try FileIO.makeDirectory(String(file[..<slash])) }
            try FileIO.write(file, svg)
        } catch { throw error.at(written.span) }
        return Outcome(messages: ["plotted \(kind.name) chart of \(plural(t.rowCount, "row")) to \(written.text)"], figure: svg)
    }
}
