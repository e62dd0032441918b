// ChartCommand.swift — `chart EXPR`: a result drawn in the terminal, bars (one value per row)
// or sparklines (values over years).
import SpetsCore

public struct ChartCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "chart", usage: "chart EXPRESSION", summary: "draw a result in the terminal: bars (one value per row) or sparklines (values over years)", summarySV: "rita ett resultat i terminalen: staplar (ett värde per rad) eller minikurvor (värden över år)", journaled: true,
                details: ["The value is the last numeric column; choose another with `| select KEY, COLUMN`. ASCII under LANG=C or --ascii."], node: ChartCommand.self)
    public var source: Statement

    /// chart = "chart" table_statement ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ChartCommand {
        p.advance()
        return ChartCommand(source: try p.parseTableSource(stop: [], context: "chart"))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        let t = try s.innerTable(source)
        do { return Outcome(text: try TerminalChart.render(t, s.settings)) } catch { throw error.at(source.span) }
    }

    public var contained: Bool { source.contained }

    /// The chart kinds after `as` (a `chart` of a `plot`'s source reads the same way).
    public static func complete(_ c: CompletionContext) -> [String]? {
        c.tokens.count >= 2 && c.last.isWord("as") ? ChartKind.all.map(\.name) : nil
    }
}
