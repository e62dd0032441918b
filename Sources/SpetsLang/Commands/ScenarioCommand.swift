// ScenarioCommand.swift — `scenario NAME: growth … +3%/yr`: growth overrides to set beside a
// projection's base.
import SpetsCore

public struct ScenarioCommand: DefinitionCommand, Equatable {
    public static let spec = CommandSpec(name: "scenario", usage: "scenario NAME: growth INDUSTRIES|AREA +3%/yr [from YEAR] [, growth …]",
                summary: "growth overrides to compare with a projection's base", summarySV: "ändrad tillväxt att jämföra med framskrivningens bas", journaled: true, node: ScenarioCommand.self)
    /// One `growth ITEMS RATE/yr [from YEAR]`.
    public struct Growth: Equatable, Sendable {
        public var items: [AreaItemRef]
        public var rate: Double
        public var from: Int?
        public var span: Range<Int>
    }
    public var name: NameRef
    public var clauses: [Growth]

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ScenarioCommand { try p.parseScenario() }

    public func define(_ e: Evaluation, persist: Bool) throws(Diagnostic) -> String {
        let s = e.session
        do throws(Diagnostic) {
            try s.checkBindable(name)
            let known = Set(s.datasets.values.flatMap { $0.industry?.labels.map { $0.uppercased() } ?? [] })
            var overrides: [ScenarioOverride] = []
            for c in clauses {
                var members = Set<String>()
                for it in c.items {
                    do { members.formUnion(try AreaBuilder.leaves(of: it.item, registry: s.registry, areas: s.areas, known: known)) }
                    catch { throw error.at(it.span) }
                }
                let label = c.items.map { i -> String in if case .code(let x) = i.item { return x }; if case .range(let a, let b) = i.item { return "\(a)..\(b)" }; return "" }
                overrides.append(ScenarioOverride(area: Area(name: label.joined(separator: ", "), members: members, definition: ""), rate: c.rate, from: c.from))
            }
            if s.scenarios[name.text] == nil { s.scenarioOrder.append(name.text) }
            s.scenarios[name.text] = Scenario(name: name.text, overrides: overrides, definition: e.text)
            if persist { try s.workspace.setDefinition(name: name.text, kind: "scenario", statement: e.text) }
            return "scenario \(name.text): \(overrides.count) override\(overrides.count == 1 ? "" : "s")"
        } catch { throw error.at(e.span) }
    }
}

extension Parser {
    /// scenario = "scenario" NAME ":" growth { ( "," | "and" ) growth } ;
    /// growth   = "growth" items RATE "/" ( "yr" | "year" ) [ "from" YEAR ] ;   RATE = [+|-] NUMBER "%"
    mutating func parseScenario() throws(Diagnostic) -> ScenarioCommand {
        advance()
        let name = try parseIdentifier("a scenario name")
        _ = try expect(symbol: ":", "after `scenario \(name.text)`")
        var clauses: [ScenarioCommand.Growth] = []
        repeat {
            let start = peek.span.lowerBound
            try expect(word: "growth", "in a scenario (`growth AREA +3%/yr`)")
            let items = try parseIndustryItems()
            var sign = 1.0
            if match(symbol: "-") { sign = -1 } else { _ = match(symbol: "+") }
            guard peek.kind == .number, peek.percent else {
                throw error(.expectedGrowthRateSuchYr, describe(peek), help: "rates are percentages per year: +3%/yr, -1.5%/yr")
            }
            let rate = sign * advance().number
            _ = try expect(symbol: "/", "after the rate (`+3%/yr`)")
            guard peek.isWord("yr") || peek.isWord("year") else { throw error(.expectedAfterFound3, describe(peek)) }
            advance()
            var from: Int? = nil
            if match(word: "from") { from = try parseYear() }
            clauses.append(ScenarioCommand.Growth(items: items, rate: rate, from: from, span: start..<previous.span.upperBound))
        } while (match(symbol: ",") || match(word: "and")) && peek.isWord("growth")
        return ScenarioCommand(name: name, clauses: clauses)
    }

}
