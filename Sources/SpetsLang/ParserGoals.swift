// ParserGoals.swift — the grammar of indicators, scenarios, goals and reports.
import SpetsCore

extension Parser {
    /// indicator = "share" measure_ref "of" NAME
    ///           | measure_ref [ "of" NAME ] [ "per" measure_ref ]
    ///           | NAME ;
    mutating func parseIndicator(_ spec: VerbSpec? = nil) throws(Diagnostic) -> IndicatorExpr {
        let usage = spec ?? VerbTable.named("project")!
        if match(word: "share") {
            let m = try parseMeasureRef(usage)
            try expect(word: "of", "in `share D.M of AREA`")
            return .share(m, try parseIdentifier("an area name"))
        }
        guard peek.kind == .identifier else { throw error("expected an indicator (D.M, D.M per D.M, share D.M of AREA, or a name), found \(describe(peek))") }
        if !peek(1).isSymbol(".") { return .named(NameRef(text: advance().text, span: previous.span)) }
        let m = try parseMeasureRef(usage)
        if match(word: "of") { return .areaSum(m, try parseIdentifier("an area name")) }
        if match(word: "per") { return .ratio(m, try parseMeasureRef(usage)) }
        return .measure(m)
    }

    /// indicator_stmt = "indicator" NAME "=" indicator ;
    mutating func parseIndicatorStatement() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("an indicator name")
        _ = try expect(symbol: "=", "after `indicator \(name.text)`")
        return .indicator(name, try parseIndicator())
    }

    /// scenario = "scenario" NAME ":" growth { ( "," | "and" ) growth } ;
    /// growth   = "growth" items RATE "/" ( "yr" | "year" ) [ "from" YEAR ] ;   RATE = [+|-] NUMBER "%"
    mutating func parseScenario() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("a scenario name")
        _ = try expect(symbol: ":", "after `scenario \(name.text)`")
        var clauses: [ScenarioClause] = []
        repeat {
            let start = peek.span.lowerBound
            try expect(word: "growth", "in a scenario (`growth AREA +3%/yr`)")
            let items = try parseIndustryItems()
            var sign = 1.0
            if match(symbol: "-") { sign = -1 } else { _ = match(symbol: "+") }
            guard peek.kind == .number, peek.percent else {
                throw error("expected a growth rate such as +3%/yr, found \(describe(peek))", help: "rates are percentages per year: +3%/yr, -1.5%/yr")
            }
            let rate = sign * advance().number
            _ = try expect(symbol: "/", "after the rate (`+3%/yr`)")
            guard peek.isWord("yr") || peek.isWord("year") else { throw error("expected `yr` after `/`, found \(describe(peek))") }
            advance()
            var from: Int? = nil
            if match(word: "from") { from = try parseYear() }
            clauses.append(ScenarioClause(items: items, rate: rate, from: from, span: start..<previous.span.upperBound))
        } while (match(symbol: ",") || match(word: "and")) && peek.isWord("growth")
        return .scenario(name, clauses)
    }

    /// goal = "goal" NAME ":" indicator "for" name ( ">=" | "<=" ) NUMBER [ "%" ] "by" YEAR ;
    mutating func parseGoal() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("a goal name")
        _ = try expect(symbol: ":", "after `goal \(name.text)`")
        let ind = try parseIndicator()
        try expect(word: "for", "before the goal's region")
        var regionSpec = VerbTable.named("project")!
        regionSpec.clauses = []
        let region = try parseMultiwordName(regionSpec)
        guard peek.isSymbol(">=") || peek.isSymbol("<=") else { throw error("expected >= or <= and a target, found \(describe(peek))") }
        let op = advance().text
        var sign = 1.0
        if match(symbol: "-") { sign = -1 }
        guard peek.kind == .number else { throw error("expected a target value, found \(describe(peek))") }
        let target = sign * advance().number
        try expect(word: "by", "before the target year (`by 2030`)")
        return .goal(name, ind, region: region, op: op, target: target, year: try parseYear())
    }

    /// report = "report" STRING [ "for" name ] [ "dated" ] ;
    mutating func parseReport() throws(Diagnostic) -> StatementKind {
        advance()
        let path = try parseOutputPath("a report file (.md or .html)")
        var region: NameRef? = nil
        var dated = false
        var spec = VerbTable.named("project")!
        spec.clauses = [ClauseSpec(keyword: "dated", shape: .flag, required: false, help: "")]
        while !atStatementEnd {
            if match(word: "for") { region = try parseMultiwordName(spec); continue }
            if match(word: "dated") { dated = true; continue }
            throw error("unexpected \(describe(peek)) in `report`", help: "usage: report \"FILE.md|.html\" [replace] [for R] [dated]")
        }
        return .report(path, region: region, dated: dated)
    }
}
