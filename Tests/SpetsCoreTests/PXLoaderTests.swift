// PXLoaderTests.swift — PC-Axis files written here, one per quirk: SCB code-in-front labels,
// Windows-1252 text, two languages, split strings, data symbols, ELIMINATION, CONTVARIABLE,
// quarters, KEYS; and broken files, each failing with the keyword and line.
import XCTest
@testable import SpetsCore

final class PXLoaderTests: XCTestCase {
    /// Employment by county, industry and sex, 2020–2021, in Swedish with English labels
    /// (`Tests/Fixtures/counties.px`, Windows-1252; the transcripts load the same file).
    /// Kalmar's F/women 2021 is `".."` (missing) and Västernorrland's A/women 2020 is `"-"` (nil).
    static let counties: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bytes = [UInt8](try! Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/counties.px")))
        return bytes.withUnsafeBufferPointer { Text.windows1252($0) }
    }()

    func write(_ text: String, _ name: String, utf8: Bool = false) -> String {
        // PC-Axis files are Windows-1252 unless they say otherwise.
        utf8 ? Fixture.write(name, text) : Fixture.writeBytes(name, text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
    }

    func load(_ text: String, _ name: String = "t.px", utf8: Bool = false, options: LoadOptions = LoadOptions(),
              registry: Registry? = nil) throws -> Cube {
        try DataFormat.load(path: write(text, name, utf8: utf8), name: "d", options: options, registry: registry)
    }

    func loadError(_ text: String, _ name: String = "bad.px") -> Diagnostic? {
        do { _ = try load(text, name); return nil } catch { return error as? Diagnostic }
    }

    func value(_ c: Cube, region: String, industry: String, year: Int32, extra: String? = nil, measure: Int = 0) -> Double? {
        let r = c.region.index(of: region)!, i = c.industry!.index(of: industry)!
        let e = extra.map { x in c.extras[0].labels.firstIndex(of: x).map(Int32.init)! }
        let k = (0..<c.count).first { c.regionCodes[$0] == r && c.industryCodes[$0] == i && c.years[$0] == year && (e == nil || c.extraCodes[0][$0] == e!) }
        return k.map { c.measures[measure].values[$0] }
    }

    func testSCBTableInWindows1252ReadsRolesCodesAndSymbols() throws {
        let c = try load(Self.counties, registry: Registry())
        XCTAssertEqual(c.count, 36, "3 regions × 3 industries × 2 sexes × 2 years")
        XCTAssertEqual(c.region.labels, ["08", "22", "23"])
        XCTAssertEqual(c.region.names, ["Kalmar län", "Västernorrlands län", "Jämtlands län"], "code in front is stripped; å ä ö decoded")
        XCTAssertEqual(c.industry!.labels, ["A", "C", "F"])
        XCTAssertEqual(c.industry!.names[1], "tillverkning och utvinning")
        XCTAssertEqual(c.extras.map(\.name), ["kon"])
        XCTAssertEqual(c.extras[0].labels, ["män", "kvinnor"])
        XCTAssertTrue(c.extras[0].summable, "ELIMINATION=YES")
        XCTAssertEqual(c.measures.map(\.name), ["forvarvsarbetande"])
        XCTAssertEqual(c.measures[0].unit, "antal")
        XCTAssertEqual(value(c, region: "08", industry: "A", year: 2021, extra: "män"), 110)
        XCTAssertEqual(value(c, region: "08", industry: "C", year: 2020, extra: "kvinnor"), 200)
        XCTAssertTrue(value(c, region: "08", industry: "F", year: 2021, extra: "kvinnor")!.isNaN, "\"..\" is missing")
        XCTAssertEqual(value(c, region: "22", industry: "A", year: 2020, extra: "kvinnor"), 0, "\"-\" is nil: zero by definition")
        XCTAssertEqual(value(c, region: "23", industry: "F", year: 2021, extra: "kvinnor"), 13)
        XCTAssertTrue(c.notes.contains("languages: sv, en; shown: sv"))
        XCTAssertTrue(c.notes.contains { $0.contains("Uppgifterna avser november varje år enligt registerbaserad") }, "split strings join")
        XCTAssertTrue(c.notes.contains { $0.contains("\"..\"×1") && $0.contains("\"-\"×1") }, "symbols are counted")
    }

    func testLanguageChoosesLabelsAndVariableNames() throws {
        let c = try load(Self.counties, options: LoadOptions(mapping: ["language": "en"]))
        XCTAssertEqual(c.region.names, ["Kalmar county", "Västernorrland county", "Jämtland county"])
        XCTAssertEqual(c.extras.map(\.name), ["sex"])
        XCTAssertEqual(c.measures.map(\.name), ["employed"])
        XCTAssertEqual(c.measures[0].unit, "number")
        do {
            _ = try load(Self.counties, options: LoadOptions(mapping: ["language": "fi"]))
            XCTFail("fi is not in the file")
        } catch {
            let m = (error as? Diagnostic)?.message ?? ""
            XCTAssertTrue(m.contains("the file is in sv, en"), m)
        }
    }

    func testLQSumsOverEliminableSexByHand() throws {
        let reg = Registry()
        let c = try load(Self.counties, registry: reg)
        // 2020, summed over sex: Kalmar A 150, C 500, F 100 (750); Västernorrland A 40, C 550,
        // F 100 (690); Jämtland A 90, C 190, F 66 (346). Nation C 1240 of 1786.
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: reg)
        let col = { (n: String) in t.columns[t.columnIndex(n)!] }
        let row = (0..<t.rowCount).first { col("region").machineText($0) == "08" && col("industry").machineText($0) == "C" }!
        XCTAssertEqual(col("lq").number(row)!, (500.0 / 750) / (1240.0 / 1786), accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("summed over: kon") })
    }

    /// ELIMINATION naming a value: that value is the total of the others, used by default;
    /// a category variable in the industry role leaves its own total out.
    func testTwoValuesListsForOneVariableAreRefused() {
        let px = """
        CHARSET="ANSI";
        MATRIX="T";
        STUB="region";
        HEADING="år";
        VALUES("region")="08 Kalmar län","23 Jämtlands län";
        VALUES("region")="23 Jämtlands län","08 Kalmar län";
        VALUES("år")="2024";
        DATA=
        1 2;
        """
        XCTAssertThrowsError(try load(px, "twice.px")) { e in
            let d = e as! Diagnostic
            XCTAssertEqual(d.message, "VALUES(\"region\") is given twice (lines 5 and 6)")
            XCTAssertEqual(d.location?.line, 6)
        }
    }

    func testEliminationTotalsAreUsedNotSummed() throws {
        let px = """
        CHARSET="ANSI";
        MATRIX="T";
        STUB="region","civilstånd","kön";
        HEADING="år";
        VALUES("region")="08 Kalmar län","23 Jämtlands län";
        VALUES("civilstånd")="ogifta","gifta","totalt";
        VALUES("kön")="män","kvinnor","totalt";
        VALUES("år")="2024";
        CODES("region")="08","23";
        ELIMINATION("civilstånd")="totalt";
        ELIMINATION("kön")="totalt";
        DATA=
        10 20 30
        5 5 10
        15 25 40
        7 8 15
        3 3 6
        10 11 21;
        """
        let reg = RegistryTests.registry
        let c = try load(px, registry: reg)
        XCTAssertEqual(c.industry!.name, "civilstand")
        XCTAssertEqual(c.industry!.total, 2)
        XCTAssertEqual(c.extras[0].total, 2)
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2024), registry: reg)
        let col = { (n: String) in t.columns[t.columnIndex(n)!] }
        // Totals over sex: Kalmar ogifta 30, gifta 10; Jämtland 15, 6. Nation 45 of 61.
        XCTAssertEqual(t.rowCount, 4, "the category total is left out")
        XCTAssertEqual(col("lq").number(0)!, (30.0 / 40) / (45.0 / 61), accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains("kon: the total `totalt` is used (choose another value with where)"), "\(t.footer)")
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("categories: ogifta, gifta (2); left out as their total: totalt") }, "\(t.footer)")
    }

    func testContentsVariableGivesMeasuresAndQuartersADimension() throws {
        let px = """
        CHARSET="ANSI";
        MATRIX="NR0103";
        CONTENTS="Regional accounts";
        STUB="region";
        HEADING="tabellinnehåll","kvartal";
        CONTVARIABLE="tabellinnehåll";
        VALUES("region")="08 Kalmar län";
        VALUES("tabellinnehåll")="Förädlingsvärde","Sysselsatta";
        VALUES("kvartal")="2023K4","2024K1";
        TIMEVAL("kvartal")=TLIST(Q1),"2023K4","2024K1";
        UNITS("Förädlingsvärde")="mnkr";
        UNITS("Sysselsatta")="tusental";
        DATA=
        1.5 2.5 30 31;
        """
        let c = try load(px)
        XCTAssertEqual(c.measures.map(\.name), ["foradlingsvarde", "sysselsatta"])
        XCTAssertEqual(c.measures.map(\.unit), ["mnkr", "tusental"])
        XCTAssertEqual(c.years, [2023, 2024])
        XCTAssertEqual(c.extras.map(\.name), ["quarter"])
        XCTAssertEqual(c.extras[0].labels, ["K4", "K1"])
        XCTAssertEqual(c.measures[0].values, [1.5, 2.5])
        XCTAssertEqual(c.measures[1].values, [30, 31])
    }

    /// A KEYS file up to DATA= (the data start on line 12).
    static let keysHead = """
    CHARSET="ANSI";
    MATRIX="K1";
    STUB="region","age";
    HEADING="period";
    VALUES("region")="Kalmar","Jämtland";
    VALUES("age")="0-14","15-64";
    VALUES("period")="2023","2024";
    TIMEVAL("period")=TLIST(A1),"2023","2024";
    KEYS("region")=VALUES;
    KEYS("age")=VALUES;
    DATA=

    """

    func testKeysLayoutReadsSparseRowsAbsentAsZero() throws {
        let c = try load(Self.keysHead + "\"Kalmar\",\"15-64\",150 151\n\"Jämtland\",\"0-14\",20 \"..\"\n\"Jämtland\",\"15-64\",80 81;")
        XCTAssertEqual(c.count, 8)
        XCTAssertEqual(c.measures[0].values[0], 0, "the absent Kalmar 0-14 row is zero")
        XCTAssertEqual(c.measures[0].values[2], 150)
        XCTAssertTrue(c.measures[0].values[5].isNaN)
        XCTAssertTrue(c.notes.contains("KEYS layout: 1 absent rows read as 0"))
    }

    /// A data symbol stays with its cell as a flag (`..` on Jämtland 0-14 2024).
    func testDataSymbolsAreKeptPerCell() throws {
        let c = try load(Self.keysHead + "\"Kalmar\",\"15-64\",150 151\n\"Jämtland\",\"0-14\",20 \"..\"\n\"Jämtland\",\"15-64\",80 \"-\";")
        let f = try XCTUnwrap(c.measures[0].flags)
        XCTAssertEqual(f.labels, ["..", "-"])
        XCTAssertEqual(f.codes, [0, 0, 0, 0, 0, 1, 0, 2])
        XCTAssertEqual(c.measures[0].values[7], 0, "`-` (nil) is zero, and flagged")
    }

    func testKeysErrorsNameTheKeyAndPlace() {
        let head = Self.keysHead
        var e = loadError(head + "\"Kalmar\",\"65+\",1 2;")
        XCTAssertEqual(e?.message, "DATA: key `65+` is not a value of age")
        XCTAssertEqual(e?.location?.line, 12)
        e = loadError(head + "\"Kalmar\",\"0-14\",1 2\n\"Kalmar\",\"0-14\",3 4;")
        XCTAssertEqual(e?.message, "DATA: the key row is given twice")
        e = loadError(head + "\"Kalmar\",\"0-14\",1;")
        XCTAssertEqual(e?.message, "DATA: a keyed row ends after 1 of its 2 values")
    }

    func testLanguageOnAOneLanguageFormatIsRefused() {
        let path = Fixture.write("one.csv", "region,year,x\nSE213,2020,1\n")
        XCTAssertThrowsError(try DataFormat.load(path: path, name: "d", options: LoadOptions(mapping: ["language": "sv"]))) { e in
            XCTAssertEqual((e as! Diagnostic).message, "`language` chooses among the languages of a PC-Axis file; \(path) has one language")
        }
    }

    func testUTF8BytesUnderADeclaredCodePageAreReadAsUTF8WithAWarning() throws {
        let px = "CHARSET=\"ANSI\";\nCODEPAGE=\"iso-8859-1\";\nMATRIX=\"X\";\nSTUB=\"region\";\nHEADING=\"år\";\n" +
            "VALUES(\"region\")=\"Västernorrland\";\nVALUES(\"år\")=\"2024\";\nDATA=\n7;\n"
        let c = try load(px, "utf8.px", utf8: true)
        XCTAssertEqual(c.region.labels, ["Västernorrland"])
        XCTAssertEqual(c.years, [2024], "`år` is recognised as time without TIMEVAL")
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("warning: the file declares ISO-8859-1 but its bytes are UTF-8") })
    }

    // Broken files: the error names the keyword or place, and nothing is returned.

    static let small = """
    CHARSET="ANSI";
    MATRIX="S";
    STUB="region";
    HEADING="period";
    VALUES("region")="A","B";
    VALUES("period")="2023","2024";
    TIMEVAL("period")=TLIST(A1),"2023","2024";
    DATA=

    """

    func testTooFewValuesIsAnErrorWithTheDeclaredShape() {
        let e = loadError(Self.small + "1 2\n3;\n")
        XCTAssertEqual(e?.message, "DATA holds 3 values but the variables declare 4 (2 × 2)")
        XCTAssertEqual(e?.location?.line, 10)
    }

    func testTooManyValuesIsAnError() {
        XCTAssertTrue(loadError(Self.small + "1 2\n3 4 5;\n")?.message.hasPrefix("DATA holds more values than") == true)
    }

    func testAWordInDataIsLocatedToLineAndColumn() {
        let e = loadError(Self.small + "1 2\n3 x4;\n")
        XCTAssertEqual(e?.message, "DATA: `x4` is not a number")
        XCTAssertEqual(e?.location?.line, 10)
        XCTAssertEqual(e?.location?.column, 3)
    }

    func testMissingDataKeywordAndMissingMatrixAndMissingValues() {
        XCTAssertTrue(loadError("CHARSET=\"ANSI\";\nMATRIX=\"S\";\n")?.message.hasPrefix("the file has no DATA keyword") == true)
        XCTAssertTrue(loadError(Self.small.replacingAll("MATRIX=\"S\";\n", with: "") + "1 2 3 4;")?.message.hasPrefix("the file has no MATRIX") == true)
        let e = loadError(Self.small.replacingAll("VALUES(\"region\")=\"A\",\"B\";\n", with: "") + "1 2;")
        XCTAssertEqual(e?.message, "VALUES(\"region\") is missing: the variable region has no values")
        XCTAssertEqual(e?.location?.line, 3)
    }

    func testUnclosedStringNamesItsKeywordAndLine() {
        let e = loadError("CHARSET=\"ANSI\";\nMATRIX=\"S\";\nTITLE=\"never closed;\nDATA=\n1;\n")
        XCTAssertEqual(e?.message, "TITLE: a string opened on line 3 is never closed")
        XCTAssertEqual(e?.location?.line, 3)
    }

    func testAMissingSemicolonIsReportedAtTheNextLine() {
        let e = loadError("CHARSET=\"ANSI\";\nMATRIX=\"S\"\nSTUB=\"region\";\nDATA=\n1;\n")
        XCTAssertEqual(e?.message, "MATRIX (line 2) does not end with ; before this line's entry")
        XCTAssertEqual(e?.location?.line, 3)
    }

    func testTimeValueThatIsNotAYearIsRefused() {
        let px = Self.small.replacingAll("\"2023\",\"2024\";\nTIMEVAL", with: "\"jan\",\"feb\";\nTIMEVAL") + "1 2 3 4;"
        XCTAssertEqual(loadError(px)?.message, "time value `jan` of period does not start with a year")
    }
}
