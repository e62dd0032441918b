// ConvergenceCommand.swift — `convergence INDICATOR from Y0 to Y1`: σ-convergence per year
// (and β-convergence) across regions.
import SpetsCore

public struct ConvergenceCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "convergence", usage: "convergence INDICATOR from Y0 to Y1 [for GROUP] [beta] [balanced | all]", summary: "σ-convergence per year (and β-convergence) across regions", summarySV: "σ-konvergens per år (och β-konvergens) mellan regioner", journaled: true, yieldsTable: true, node: ConvergenceCommand.self)
    public var indicator: WrittenIndicator
    public var from: Int
    public var to: Int
    public var group: NameRef?
    public var beta: Bool
    /// σ each year over the regions observed that year (default: balanced, the same regions
    /// every year).
    public var all: Bool

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ConvergenceCommand { try p.parseConvergence() }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        let spec = try s.indicatorSpec(indicator.expr, text: indicator.text)
        var members: [Int32]? = nil
        if let g = group { members = try s.groupMembers(g, in: spec.cube) }
        do throws(Diagnostic) {
            return Outcome(table: try Comparison.convergence(spec, from: from, to: to, regions: members, registry: s.registry, betaTable: beta, balanced: !all))
        } catch { throw error.at(e.span) }
    }
}

extension Parser {
    /// convergence = "convergence" indicator "from" YEAR "to" YEAR [ "for" NAME ] [ "beta" ] [ "balanced" | "all" ] ;
    mutating func parseConvergence() throws(Diagnostic) -> ConvergenceCommand {
        advance()
        let ind = try parseIndicator()
        try expect(word: "from", "before the first year")
        let a = try parseYear()
        let toStart = peek.span.lowerBound
        try expect(word: "to", "before the last year")
        let b = try parseYear()
        do { try PeriodOrder.check(a, b) } catch { throw error.at(toStart..<previous.span.upperBound) }
        var group: NameRef? = nil, beta = false, all = false
        while !atClauseEnd {
            if match(word: "for") { group = try parseIdentifier("a group name") }
            else if match(word: "beta") { beta = true }
            else if match(word: "balanced") { all = false }
            else if match(word: "all") { all = true }
            else { throw error(.unexpected, describe(peek), help: "usage: convergence INDICATOR from Y0 to Y1 [for GROUP] [beta] [balanced | all]") }
        }
        return ConvergenceCommand(indicator: ind, from: a, to: b, group: group, beta: beta, all: all)
    }
}
