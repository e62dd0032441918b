// GoalStatements.swift — `indicator`, `scenario`, `goal`, `goals` and `project`: resolving
// what was written against the session's datasets, areas and definitions.
import SpetsCore

extension Session {
    /// Resolves an indicator expression to a spec over one dataset.
    func indicatorSpec(_ e: IndicatorExpr, text: String, depth: Int = 0) throws(Diagnostic) -> IndicatorSpec {
        func area(_ n: NameRef) throws(Diagnostic) -> Area {
            if let a = areas[n.text] ?? areas.first(where: { $0.key.lowercased() == n.text.lowercased() })?.value { return a }
            throw Diagnostic(message: "no area `\(n.text)`", span: n.span,
                             help: areaOrder.isEmpty ? "define one: area \(n.text) = industries …  or  area \(n.text) = preset …" : "areas: " + areaOrder.joined(separator: ", "),
                             candidates: Text.suggestions(for: n.text, among: areaOrder))
        }
        switch e {
        case .measure(let m):
            let (c, i) = try measure(m)
            return IndicatorSpec(kind: .measure, cube: c, measure: i, text: text)
        case .ratio(let a, let b):
            let (c, i) = try measure(a), (c2, j) = try measure(b)
            guard c === c2 else { throw Diagnostic(message: "both measures of a ratio must come from one dataset", span: b.span) }
            return IndicatorSpec(kind: .ratio, cube: c, measure: i, denominator: j, text: text)
        case .share(let m, let n):
            let (c, i) = try measure(m)
            guard c.industry != nil else { throw Diagnostic(message: "dataset \(c.name) has no industries to take a share of", span: m.span) }
            return IndicatorSpec(kind: .share, cube: c, measure: i, area: try area(n), text: text)
        case .areaSum(let m, let n):
            let (c, i) = try measure(m)
            guard c.industry != nil else { throw Diagnostic(message: "dataset \(c.name) has no industries to sum over", span: m.span) }
            return IndicatorSpec(kind: .areaSum, cube: c, measure: i, area: try area(n), text: text)
        case .named(let n):
            guard let (inner, t) = indicators[n.text], depth < 8 else {
                throw Diagnostic(message: "no indicator `\(n.text)`", span: n.span,
                                 help: "write D.M, D.M per D.M, share D.M of AREA or D.M of AREA, or define one with `indicator NAME = …`",
                                 candidates: Text.suggestions(for: n.text, among: Array(indicators.keys) + datasetOrder))
            }
            var spec = try indicatorSpec(inner, text: t, depth: depth + 1)
            spec.text = n.text + " (" + t + ")"
            return spec
        }
    }

    /// `indicator`, `scenario` and `goal`: checked now, kept as statements, persisted.
    func defineForward(_ st: Statement, text: String, persist: Bool) throws(Diagnostic) -> String {
        switch st.kind {
        case .indicator(let name, let e):
            try checkBindable(name)
            let body = String(text.drop { $0 != "=" }.dropFirst()).trimmed()
            _ = try indicatorSpec(e, text: body)
            indicators[name.text] = (e, body)
            if persist { try workspace.setDefinition(name: name.text, kind: "indicator", statement: text) }
            return "indicator \(name.text) = \(body)"
        case .scenario(let name, let clauses):
            try checkBindable(name)
            let known = Set(datasets.values.flatMap { $0.industry?.labels.map { $0.uppercased() } ?? [] })
            var overrides: [ScenarioOverride] = []
            for c in clauses {
                var members = Set<String>()
                for it in c.items {
                    do { members.formUnion(try AreaBuilder.leaves(of: it.item, registry: registry, areas: areas, known: known)) }
                    catch { throw error.at(it.span) }
                }
                let label = c.items.map { i -> String in if case .code(let x) = i.item { return x }; if case .range(let a, let b) = i.item { return "\(a)..\(b)" }; return "" }
                overrides.append(ScenarioOverride(area: Area(name: label.joined(separator: ", "), members: members, definition: ""), rate: c.rate, from: c.from))
            }
            if scenarios[name.text] == nil { scenarioOrder.append(name.text) }
            scenarios[name.text] = Scenario(name: name.text, overrides: overrides, definition: text)
            if persist { try workspace.setDefinition(name: name.text, kind: "scenario", statement: text) }
            return "scenario \(name.text): \(overrides.count) override\(overrides.count == 1 ? "" : "s")"
        case .goal(let name, _, _, _, _, _):
            try checkBindable(name)
            let goal = try resolveGoal(st, text: text)
            _ = try Goals.status(goal, registry: registry)   // a target year in the past fails here
            goals.removeAll { $0.name == name.text }
            goals.append((name.text, st, text))
            if persist { try workspace.setDefinition(name: name.text, kind: "goal", statement: text) }
            return "goal \(name.text): \(goal.spec.text) for \(goal.spec.cube.region.display(goal.region)) \(goal.direction.rawValue) \(NumberFormatting.exact(goal.target)) by \(goal.year)"
        default:
            throw Diagnostic(message: "internal: not a definition", span: st.span)
        }
    }

    func resolveGoal(_ st: Statement, text: String) throws(Diagnostic) -> Goal {
        guard case .goal(let name, let e, let region, let op, let target, let year) = st.kind else {
            throw Diagnostic(message: "internal: not a goal", span: st.span)
        }
        let body = String(text.drop { $0 != ":" }.dropFirst())
        let itext = body.components(separatedBy: " for ").first?.trimmed() ?? ""
        let spec = try indicatorSpec(e, text: itext)
        let r = try resolveRegion(region, in: spec.cube)
        return Goal(name: name.text, spec: spec, region: r, direction: op == "<=" ? .atMost : .atLeast, target: target, year: year, definition: text)
    }

    func goalsTable(region: Int32? = nil, cube: Cube? = nil) throws(Diagnostic) -> Table {
        var list: [Goal] = []
        for g in goals {
            let goal = try resolveGoal(g.statement, text: g.text)
            if let region, let cube, !(goal.spec.cube === cube && goal.region == region) { continue }
            list.append(goal)
        }
        return try Goals.table(list, registry: registry)
    }
}

extension Verbs {
    static func project(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let text = s.currentText.map { t -> String in
            let afterVerb = t.drop { !$0.isWhitespace }.drop { $0.isWhitespace }
            return String(afterVerb).components(separatedBy: " for ").first?.trimmed() ?? ""
        } ?? ""
        let spec = try s.indicatorSpec(call.indicator!, text: text)
        guard let rs = try regions(s, call, spec.cube), rs.count == 1 else {
            throw Diagnostic(message: "`project` is for one region: `for R`", span: call.clause("for")!.span)
        }
        guard case .year(let to) = call.clause("to")!.value else { throw Diagnostic(message: "expected a year", span: call.span) }
        var q = ProjectionRequest(spec: spec, region: rs[0], to: to)
        if let w = call.clause("from"), case .yearRange(let a, let b) = w.value {
            guard a < b else { throw Diagnostic(message: "the window \(a)..\(b) runs backwards", span: w.span) }
            q.window = a...b
        }
        q.method = method(call, ProjectionMethod.self) ?? .cagr
        if let f = call.clause("factor"), case .number(let v) = f.value {
            guard q.method == .shiftshare else { throw Diagnostic(message: "`factor` applies to `method shiftshare`", span: f.span) }
            q.factor = v
        }
        if let sc = call.clause("scenario"), case .names(let names) = sc.value {
            for n in names {
                guard let scen = s.scenarios[n.text] else {
                    throw Diagnostic(message: "no scenario `\(n.text)`", span: n.span,
                                     help: s.scenarioOrder.isEmpty ? "define one: scenario \(n.text): growth kis +3%/yr from 2024" : "scenarios: " + s.scenarioOrder.joined(separator: ", "),
                                     candidates: Text.suggestions(for: n.text, among: s.scenarioOrder))
                }
                q.scenarios.append(scen)
            }
        }
        do { return try Projection.compute(q, registry: s.registry) } catch { throw error.at(call.span) }
    }
}
