// IndicatorCommand.swift — `indicator NAME = …`: a named indicator (one number per region
// and year), and how an indicator as written resolves against the session's data.
import SpetsCore

public struct IndicatorCommand: DefinitionCommand, Equatable {
    public static let spec = CommandSpec(name: "indicator", usage: "indicator NAME = D.M | D.M per D.M | share D.M of AREA | D.M of AREA",
                summary: "name an indicator (one number per region and year)", summarySV: "namnge en indikator (ett tal per region och år)", journaled: true, node: IndicatorCommand.self)
    public var name: NameRef
    public var indicator: WrittenIndicator

    /// indicator_stmt = "indicator" NAME "=" indicator ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> IndicatorCommand {
        p.advance()
        let name = try p.parseIdentifier("an indicator name")
        _ = try p.expect(symbol: "=", "after `indicator \(name.text)`")
        return IndicatorCommand(name: name, indicator: try p.parseIndicator())
    }


    public func define(_ e: Evaluation, persist: Bool) throws(Diagnostic) -> String {
        let s = e.session
        do throws(Diagnostic) {
            try s.checkBindable(name)
            _ = try s.indicatorSpec(indicator.expr, text: indicator.text)
            s.indicators[name.text] = (indicator.expr, indicator.text)
            if persist { try s.workspace.setDefinition(name: name.text, kind: "indicator", statement: e.text) }
            return "indicator \(name.text) = \(indicator.text)"
        } catch { throw error.at(e.span) }
    }
}

extension Session {
    /// Resolves an indicator expression to a spec over one dataset.
    func indicatorSpec(_ e: IndicatorExpr, text: String, depth: Int = 0) throws(Diagnostic) -> IndicatorSpec {
        func area(_ n: NameRef) throws(Diagnostic) -> Area {
            if let a = areas[n.text] ?? areas.first(where: { $0.key.lowercased() == n.text.lowercased() })?.value { return a }
            throw Diagnostic(.noArea, n.text, span: n.span,
                             help: areaOrder.isEmpty ? "define one: area \(n.text) = industries …  or  area \(n.text) = preset …" : "areas: " + areaOrder.joined(separator: ", "),
                             candidates: Text.suggestions(for: n.text, among: areaOrder))
        }
        switch e {
        case .measure(let m):
            let (c, i) = try measure(m)
            return IndicatorSpec(kind: .measure, cube: c, measure: i, text: text)
        case .ratio(let a, let b):
            let (c, i) = try measure(a), (c2, j) = try measure(b)
            guard c === c2 else { throw Diagnostic(.bothMeasuresRatioMustCome, span: b.span) }
            return IndicatorSpec(kind: .ratio, cube: c, measure: i, denominator: j, text: text)
        case .share(let m, let n):
            let (c, i) = try measure(m)
            guard c.industry != nil else { throw Diagnostic(.datasetHasNoIndustriesTake, c.name, span: m.span) }
            return IndicatorSpec(kind: .share, cube: c, measure: i, area: try area(n), text: text)
        case .areaSum(let m, let n):
            let (c, i) = try measure(m)
            guard c.industry != nil else { throw Diagnostic(.datasetHasNoIndustriesSum, c.name, span: m.span) }
            return IndicatorSpec(kind: .areaSum, cube: c, measure: i, area: try area(n), text: text)
        case .named(let n):
            guard let (inner, t) = indicators[n.text], depth < 8 else {
                throw Diagnostic(.noIndicator, n.text, span: n.span,
                                 help: "write D.M, D.M per D.M, share D.M of AREA or D.M of AREA, or define one with `indicator NAME = …`",
                                 candidates: Text.suggestions(for: n.text, among: Array(indicators.keys) + datasetOrder))
            }
            var spec = try indicatorSpec(inner, text: t, depth: depth + 1)
            spec.text = n.text + " (" + t + ")"
            return spec
        }
    }
}
