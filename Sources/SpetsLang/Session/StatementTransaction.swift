// StatementTransaction.swift — one statement, one transaction: its effects on the workspace
// and its journal entry commit together before anything is printed, and a statement that
// fails (or whose commit fails) leaves the session's memory as it was, too.
import SpetsCore

extension Session {
    /// What a statement may change in memory. Cubes are never changed once built, so the
    /// copy is a handful of dictionary references.
    struct State {
        let datasets: [String: Cube], datasetOrder: [String], bindings: [String: Table]
        let areas: [String: Area], areaOrder: [String]
        let indicators: [String: (IndicatorExpr, String)], scenarios: [String: Scenario], scenarioOrder: [String]
        let goals: [(name: String, goal: GoalCommand, text: String)]
        let groupDefs: [String: (title: String?, members: [String])], groupOrder: [String]
        let fieldLinks: [FieldLink]
    }

    var state: State {
        State(datasets: datasets, datasetOrder: datasetOrder, bindings: bindings, areas: areas, areaOrder: areaOrder,
              indicators: indicators, scenarios: scenarios, scenarioOrder: scenarioOrder, goals: goals,
              groupDefs: groupDefs, groupOrder: groupOrder, fieldLinks: fieldLinks)
    }

    func reset(to s: State) {
        datasets = s.datasets; datasetOrder = s.datasetOrder; bindings = s.bindings
        areas = s.areas; areaOrder = s.areaOrder
        indicators = s.indicators; scenarios = s.scenarios; scenarioOrder = s.scenarioOrder; goals = s.goals
        groupDefs = s.groupDefs; groupOrder = s.groupOrder; fieldLinks = s.fieldLinks
    }

    /// Runs `body` as one unit: all of its workspace writes in one transaction, committed
    /// before returning; on any error (the commit's too) the transaction is rolled back and
    /// memory restored, so nothing of it was done.
    func atomically<T>(_ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        let before = state
        do {
            return try workspace.atomically(body)
        } catch {
            reset(to: before)
            throw error
        }
    }
}
