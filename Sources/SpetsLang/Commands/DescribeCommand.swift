// DescribeCommand.swift — `describe NAME` and `datasets`: what a dataset holds, and which
// datasets there are.
import SpetsCore

public struct DescribeCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "describe", usage: "describe NAME", summary: "dimensions, years, measures, units, missing cells, unknown codes", summarySV: "dimensioner, år, mått, enheter, saknade celler, okända koder", journaled: true, yieldsTable: true, node: DescribeCommand.self)
    public var name: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> DescribeCommand {
        p.advance()
        return DescribeCommand(name: try p.parseName("a dataset name"))
    }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        Outcome(table: Describe.table(try e.session.cube(name), registry: e.session.registry))
    }
    public static func complete(_ c: CompletionContext) -> [String]? { c.tokens.count == 1 ? c.session.datasetOrder : nil }
}

public struct DatasetsCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "datasets", usage: "datasets", summary: "list the loaded datasets", summarySV: "lista de inlästa datamängderna", journaled: true, yieldsTable: true, node: DatasetsCommand.self)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> DatasetsCommand { p.advance(); return DatasetsCommand() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        return Outcome(table: Describe.list(s.datasetOrder.map { s.datasets[$0]! }, bindings: s.bindings))
    }
}
