// ParserIndicator.swift — the indicator grammar shared by `indicator`, `goal`, `project`,
// `rank` and `convergence`, and the name rules shared by the commands.
import SpetsCore

extension Parser {
    /// indicator = "share" measure_ref "of" NAME
    ///           | measure_ref [ "of" NAME ] [ "per" measure_ref ]
    ///           | NAME ;
    /// The text is kept as written: a result's footer names the indicator by it.
    mutating func parseIndicator(_ spec: VerbSpec? = nil) throws(Diagnostic) -> WrittenIndicator {
        let start = peek.span.lowerBound
        let e = try parseIndicatorExpr(spec)
        return WrittenIndicator(expr: e, text: text(start..<previous.span.upperBound))
    }

    mutating func parseIndicatorExpr(_ spec: VerbSpec?) throws(Diagnostic) -> IndicatorExpr {
        let usage = spec ?? VerbTable.named("project")!
        if match(word: "share") {
            let m = try parseMeasureRef(usage)
            try expect(word: "of", "in `share D.M of AREA`")
            return .share(m, try parseIdentifier("an area name"))
        }
        guard peek.kind == .identifier else { throw error(.expectedIndicatorDMD, describe(peek)) }
        if !peek(1).isSymbol(".") { return .named(NameRef(text: advance().text, span: previous.span)) }
        let m = try parseMeasureRef(usage)
        if match(word: "of") { return .areaSum(m, try parseIdentifier("an area name")) }
        if match(word: "per") { return .ratio(m, try parseMeasureRef(usage)) }
        return .measure(m)
    }

    /// A spec whose keywords end multi-word names (`Jämtlands län on …`).
    static func nameStops(_ words: [String]) -> VerbSpec {
        var s = VerbTable.named("project")!
        s.clauses = words.map { ClauseSpec(keyword: $0, shape: .flag, required: false, help: "") }
        return s
    }

    /// A word that may contain hyphens (`economic-complexity`, `three-term`).
    mutating func parseIdentifierOrHyphenated() throws(Diagnostic) -> NameRef {
        let (text, span) = try parseIndustryCode()
        return NameRef(text: text, span: span)
    }

    /// An optional entry number (`history 3`, `edit 2`).
    mutating func parseEntryNumber() throws(Diagnostic) -> Int? {
        guard peek.kind == .number else { return nil }
        guard let v = Int(peek.text), v >= 1 else { throw error(.expectedEntryNumberFound, describe(peek)) }
        advance()
        return v
    }
}
