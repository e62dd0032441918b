// SQLCommand.swift — `sql "SELECT …"`: read-only SQL on the workspace (a reader connection
// under an authorizer; docs/workspace.md).
import SpetsCore

public struct SQLCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "sql", usage: "sql \"SELECT …\"", summary: "read-only SQL on the workspace (tables: datasets, definitions, journal, observations)", summarySV: "SQL (bara läsning) mot arbetsytan (tabeller: datasets, definitions, journal, observations)", journaled: true, yieldsTable: true, contained: false, node: SQLCommand.self)
    public var query: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> SQLCommand {
        p.advance()
        return SQLCommand(query: try p.parseString("an SQL query"))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        do { return Outcome(table: try s.workspace.query(query.text, cubes: s.datasetOrder.map { s.datasets[$0]! })) }
        catch {
            var d = error
            // Point into the query text: SQLite's offset is within the string literal.
            if let sp = d.span { d.span = (query.span.lowerBound + 1 + sp.lowerBound)..<(query.span.lowerBound + 1 + sp.upperBound) } else { d.span = query.span }
            throw d
        }
    }
}
