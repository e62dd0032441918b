// LexerParserTests.swift — tokens and spans, completeness for the REPL, the grammar, and
// diagnostics with their caret positions.
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class LexerParserTests: XCTestCase {
    func kinds(_ s: String) -> [String] {
        Lexer.lex(s).tokens.map { t in t.kind == .newline ? "⏎" : t.kind == .end ? "$" : t.text }
    }

    func testTokensAndSpans() {
        let r = Lexer.lex("lq se.employment in 2023 for \"Jämtlands län\" | top 3  # note")
        XCTAssertEqual(r.tokens.map(\.text), ["lq", "se", ".", "employment", "in", "2023", "for", "Jämtlands län", "|", "top", "3", ""])
        XCTAssertEqual(r.tokens[7].span, 29..<46, "byte span of the string including quotes")
        XCTAssertTrue(r.diagnostics.isEmpty)
        XCTAssertFalse(r.incomplete)
    }

    func testNumbersPercentRangesAndCodes() {
        let r = Lexer.lex("25% 2010..2023 08 1.5 2008A")
        XCTAssertEqual(r.tokens[0].number, 0.25)
        XCTAssertTrue(r.tokens[0].percent)
        XCTAssertEqual(r.tokens.map(\.text), ["25%", "2010", "..", "2023", "08", "1.5", "2008A", ""].map { $0 == "25%" ? "25" : $0 })
        XCTAssertEqual(r.tokens[4].kind, .number)
        XCTAssertEqual(r.tokens[4].text, "08", "codes keep their leading zero")
        XCTAssertEqual(r.tokens[6].kind, .identifier)
    }

    func testSpacedDigitGroupsAreNotANumber() {
        let r = Lexer.lex("x = 1 234")
        XCTAssertEqual(r.diagnostics.first?.message, "`1 234` is not a number")
        XCTAssertEqual(r.diagnostics.first?.help, "write numbers without spaces: 1234")
        XCTAssertTrue(Lexer.lex("lq d.x in 2023 for 08, 123").diagnostics.isEmpty, "a list of codes is fine")
    }

    func testSeparatorsAndContinuations() {
        XCTAssertEqual(kinds("a; b\nc"), ["a", "⏎", "b", "⏎", "c", "$"])
        XCTAssertEqual(kinds("a |\n b"), ["a", "|", "b", "$"], "trailing | continues")
        XCTAssertEqual(kinds("a\n  | b"), ["a", "|", "b", "$"], "a line starting with | continues")
        XCTAssertEqual(kinds("f(a,\n b)"), ["f", "(", "a", ",", "b", ")", "$"])
    }

    func testIncompleteInput() {
        XCTAssertTrue(Lexer.lex("load \"datasets/demo").incomplete, "open string")
        XCTAssertTrue(Lexer.lex("lq se.employment in 2023 |").incomplete, "trailing pipe")
        XCTAssertTrue(Lexer.lex("lq se.employment in 2023 for Kalmar,").incomplete, "trailing comma")
        XCTAssertTrue(Lexer.lex("x | summarise count(").incomplete, "open bracket")
        XCTAssertFalse(Lexer.lex("lq se.employment in 2023").incomplete)
    }

    func testGrammarOfTheContractStatements() {
        let src = """
        load "../shared/examples/worked-panel.csv" as w
        lq w.employment in 2022
        lq w.employment in 2022 for NB
        lq w.employment in 2022 vs rest
        lq w.employment in 2022 | where lq >= 1 | sort lq desc | top 3
        let k = lq w.employment in 2022 for Jämtlands län, 08 vs SE
        export k | select region, lq to "out.csv"
        d | summarise count(), sum(lq), mean(lq), median(lq), min(lq), max(lq)
        set format csv; set decimals 2; help lq; datasets; describe w
        sql "select 1"; run "a.spets"; save "b.spets"; open "c.spetsdb"
        load "x.csv" as x with region = geo, year = "TIME_PERIOD"
        """
        let r = Parser.parse(src)
        XCTAssertEqual(r.diagnostics, [])
        XCTAssertEqual(r.statements.count, 18)
        guard case .bind(let n, let p) = r.statements[5].kind, case .verb(let call) = p.source else { return XCTFail() }
        XCTAssertEqual(n.text, "k")
        guard case .names(let names) = call.clause("for")?.value, case .name(let ref) = call.clause("vs")?.value else { return XCTFail() }
        XCTAssertEqual(names.map(\.text), ["Jämtlands län", "08"])
        XCTAssertEqual(ref.text, "SE")
        let bytes = Array(src.utf8)
        XCTAssertEqual(String(decoding: bytes[names[0].span], as: UTF8.self), "Jämtlands län", "spans point into the source")
        guard case .pipeline(let q) = r.statements[4].kind else { return XCTFail() }
        XCTAssertEqual(q.stages.count, 3)
    }

    func testResynchronisesAfterAnError() {
        let r = Parser.parse("lq w.x in\nlq w.x in 2020\nsort x\n")
        XCTAssertEqual(r.diagnostics.count, 2)
        XCTAssertEqual(r.statements.count, 1)
    }

    // Diagnostics with carets (evaluated, so name lookups are covered too).

    func testCaretUnderUnknownVerb() throws {
        try assertDiagnostic("lqq w.employment in 2022", "^^^", "unknown verb `lqq`")
    }

    func testCaretUnderMissingClause() throws {
        try assertDiagnostic("lq w.employment for NB", String(repeating: " ", count: 22) + "^", "`lq` needs `in` (the year)")
    }

    func testCaretUnderDoubledClause() throws {
        try assertDiagnostic("lq w.x in 2020 in 2021", "               ^^", "`in` is given twice")
    }

    func testCaretUnderBadYear() throws {
        try assertDiagnostic("lq w.x in twenty", "          ^^^^^^", "expected a year (e.g. 2023), found `twenty`")
    }

    func testCaretUnderUnterminatedString() throws {
        try assertDiagnostic("load \"x.csv", "     ^^^^^^", "unterminated string")
    }

    func testCaretUnderUnknownStage() throws {
        try assertDiagnostic("w | srot lq", "    ^^^^", "expected a pipe stage after `|`, found `srot`")
    }

    func testCaretColumnsCountCharactersNotBytes() throws {
        try assertDiagnostic("let å = lq", String(repeating: " ", count: 10) + "^", "`lq` needs a measure as DATASET.MEASURE, found end of input")
    }

    func testCaretUnderUnknownDatasetAndMeasure() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("w1.csv", Repo.worked))\" as w")
        try assertDiagnostic("lq v.employment in 2022", "   ^", "no dataset `v`", in: h)
        try assertDiagnostic("lq w.employmnt in 2022", "     ^^^^^^^^^", "dataset w has no measure `employmnt`", in: h)
        try assertDiagnostic("lq w.employment in 2022 for Kalmar", "                            ^^^^^^",
                             "Kalmar län (SE213) is not in dataset w", in: h)
        try assertDiagnostic("lq w.employment in 2022 | where lqq > 1", "                                ^^^", "no column `lqq`", in: h)
    }

    func testDidYouMeanIsOffered() throws {
        let h = try Harness()
        let text = h.run("lqq w.employment in 2022")
        XCTAssertTrue(text.contains("did you mean `lq`?"), text)
        let t2 = h.run("set fromat csv")
        XCTAssertTrue(t2.contains("did you mean `format`?"), t2)
    }

    func testScriptDiagnosticsCarryFileLineColumn() throws {
        let h = try Harness()
        let text = h.run("datasets\n\n  lq w.x in 2020", file: "kalmar.spets")
        XCTAssertTrue(text.contains("kalmar.spets:3:6: error: no dataset `w`"), text)
    }
}
