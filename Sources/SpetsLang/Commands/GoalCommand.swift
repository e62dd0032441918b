// GoalCommand.swift — `goal NAME: INDICATOR for R >= VALUE by YEAR` and `goals`: targets and
// where each stands (latest value, required and trend growth, projection, status).
import SpetsCore

public struct GoalCommand: DefinitionCommand, Equatable {
    public static let spec = CommandSpec(name: "goal", usage: "goal NAME: INDICATOR for R >= VALUE by YEAR  (or <=; VALUE may be 25%)",
                summary: "a target for an indicator", summarySV: "ett mål för en indikator", journaled: true, node: GoalCommand.self)
    public var name: NameRef
    public var indicator: WrittenIndicator
    public var region: NameRef
    public var op: CompareOp
    public var target: Double
    public var year: Int

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> GoalCommand { try p.parseGoal() }

    public func define(_ e: Evaluation, persist: Bool) throws(Diagnostic) -> String {
        let s = e.session
        do throws(Diagnostic) {
            try s.checkBindable(name)
            let goal = try s.resolveGoal(self, text: e.text)
            _ = try Goals.status(goal, registry: s.registry)   // a target year in the past fails here
            s.goals.removeAll { $0.name == name.text }
            s.goals.append((name.text, self, e.text))
            if persist { try s.workspace.setDefinition(name: name.text, kind: "goal", statement: e.text) }
            return "goal \(name.text): \(goal.spec.text) for \(goal.spec.cube.region.display(goal.region)) \(goal.direction.rawValue) \(NumberFormatting.exact(goal.target)) by \(goal.year)"
        } catch { throw error.at(e.span) }
    }
}

public struct GoalsCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "goals", usage: "goals", summary: "each goal: latest value, target, required and trend growth, projected value, status", summarySV: "varje mål: senaste värde, målvärde, krävd tillväxt och trendtillväxt, framskrivet värde, status", journaled: true, yieldsTable: true, node: GoalsCommand.self)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> GoalsCommand { p.advance(); return GoalsCommand() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(table: try e.session.goalsTable()) }
}

extension Parser {
    /// goal = "goal" NAME ":" indicator "for" name ( ">=" | "<=" ) NUMBER [ "%" ] "by" YEAR ;
    mutating func parseGoal() throws(Diagnostic) -> GoalCommand {
        advance()
        let name = try parseIdentifier("a goal name")
        _ = try expect(symbol: ":", "after `goal \(name.text)`")
        let ind = try parseIndicator()
        try expect(word: "for", "before the goal's region")
        var regionSpec = VerbTable.named("project")!
        regionSpec.clauses = []
        let region = try parseMultiwordName(regionSpec)
        guard peek.isSymbol(">=") || peek.isSymbol("<=") else { throw error(.expectedTargetFound, describe(peek)) }
        let op = CompareOp(rawValue: advance().text)!
        var sign = 1.0
        if match(symbol: "-") { sign = -1 }
        guard peek.kind == .number else { throw error(.expectedTargetValueFound, describe(peek)) }
        let target = sign * advance().number
        try expect(word: "by", "before the target year (`by 2030`)")
        return GoalCommand(name: name, indicator: ind, region: region, op: op, target: target, year: try parseYear())
    }

}

extension Session {
    func resolveGoal(_ g: GoalCommand, text: String) throws(Diagnostic) -> Goal {
        let spec = try indicatorSpec(g.indicator.expr, text: g.indicator.text)
        let r = try resolveRegion(g.region, in: spec.cube)
        return Goal(name: g.name.text, spec: spec, region: r, direction: g.op == .le ? .atMost : .atLeast, target: g.target, year: g.year, definition: text)
    }

    func goalsTable(region: Int32? = nil, cube: Cube? = nil) throws(Diagnostic) -> Table {
        var list: [Goal] = []
        for g in goals {
            let goal = try resolveGoal(g.goal, text: g.text)
            if let region, let cube, !(goal.spec.cube === cube && goal.region == region) { continue }
            list.append(goal)
        }
        return try Goals.table(list, registry: registry)
    }
}
