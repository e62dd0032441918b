// CSVLoaderTests.swift — layouts, number conventions, encodings, labels; and bad files:
// each error names file, line and column, and no cube comes back.
import XCTest
@testable import SpetsCore

final class CSVLoaderTests: XCTestCase {
    /// The eight-bytes-at-a-time field scan finds the same end as a byte-by-byte one, for
    /// every start, end and delimiter, over bytes that include the three it looks for and
    /// high bytes (UTF-8) next to them.
    func testFieldEndAgreesWithTheByteByByteScan() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [44, 59, 9, 10, 13, 48, 65, 0x80, 0xC3, 0xA5, 0xFF, 0x2C ^ 0x80, 0x0A ^ 0x80, 0]
        for _ in 0..<300 {
            let n = Int.random(in: 0...40, using: &rng)
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            for delimiter: UInt8 in [44, 59, 9] {
                bytes.withUnsafeBufferPointer { b in
                    guard let base = b.baseAddress else { return }
                    for start in 0...n {
                        for to in start...n {
                            var q = start
                            while q < to { let ch = base[q]; if ch == delimiter || ch == 10 || ch == 13 { break }; q += 1 }
                            XCTAssertEqual(CSVAccumulator.fieldEnd(base, start, to, delimiter), q, "\(bytes) \(start)..<\(to) d=\(delimiter)")
                        }
                    }
                }
            }
        }
    }

    /// The plain path reads numbers and years while it scans them; whatever it accepts must
    /// be bit for bit what the general reading gives, and it must accept the common forms.
    func testPlainNumbersAndYearsAgreeWithTheGeneralReading() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.,-e ;x".utf8)
        var accepted = 0
        for k in 0..<20_000 {
            let n = Int.random(in: 1...19, using: &rng)
            var bytes = (0..<n).map { _ in alphabet[Int.random(in: 0..<(k % 2 == 0 ? 11 : alphabet.count), using: &rng)] }
            bytes += [44, 48, 48, 48, 48, 48, 48, 48, 48]   // the next field, so a word may be read past the end
            for conv: NumberParsing.Convention in [.point, .comma] {
                let point = conv == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")
                let delimiter: UInt8 = conv == .point ? 44 : 59
                bytes.withUnsafeBufferPointer { b in
                    let base = b.baseAddress!
                    if let (v, e) = CSVAccumulator.plainNumber(base, 0, b.count, point, delimiter) {
                        accepted += 1
                        let end = CSVAccumulator.fieldEnd(base, 0, b.count, delimiter)
                        XCTAssertEqual(e, end, "\(bytes)")
                        XCTAssertEqual(CSVLoader.cellNumber(base, end, conv)?.bitPattern, v.bitPattern, "\(String(decoding: bytes[0..<end], as: UTF8.self))")
                    }
                    if let (y, e) = CSVAccumulator.plainYear(base, 0, b.count, delimiter) {
                        XCTAssertEqual(e, CSVAccumulator.fieldEnd(base, 0, b.count, delimiter))
                        XCTAssertEqual(CSVLoader.cellYear(base, e), y)
                    }
                }
            }
        }
        XCTAssertGreaterThan(accepted, 1000)
        for (text, value) in [("174.5", 174.5), ("0.1", 0.1), ("201", 201), ("123456789012.345", 123456789012.345), ("007", 7)] {
            let bytes = Array((text + ",").utf8)
            XCTAssertEqual(bytes.withUnsafeBufferPointer { CSVAccumulator.plainNumber($0.baseAddress!, 0, $0.count, 46, 44)?.0 }, value, text)
        }
    }

    func load(_ csv: String, _ name: String = "t.csv", options: LoadOptions = LoadOptions(), registry: Registry? = nil) throws -> Cube {
        try CSVLoader.load(path: Fixture.write(name, csv), name: "d", options: options, registry: registry)
    }

    func loadError(_ csv: String, _ name: String = "bad.csv", options: LoadOptions = LoadOptions()) -> Diagnostic? {
        do { _ = try load(csv, name, options: options); return nil } catch { return error as? Diagnostic }
    }

    /// The Data Commons layout (invented numbers): one column per NACE group, the total as
    /// the bare stem, linked-data region codes.
    static let wideIndustries = """
    Date,GeoId,Count_Person_Employed_NACE/A,Count_Person_Employed_NACE/B-E,Count_Person_Employed_NACE/C,Count_Person_Employed_NACE/F,Count_Person_Employed_NACE/K,Count_Person_Employed_NACE/K-N,Count_Person_Employed
    2017,dcid:nuts/SE213,5000.0,21000.0,19000.0,8000.0,1000.0,12000.0,46000.0
    2017,dcid:nuts/SE110,4000.0,90000.0,70000.0,80000.0,50000.0,300000.0,474000.0
    2018,dcid:nuts/SE213,,,,,,,47000.0

    """

    func testOneColumnPerIndustryLoadsAsAnIndustryDimension() throws {
        let reg = RegistryTests.registry
        let c = try load(Self.wideIndustries, "wide-ind.csv", registry: reg)
        XCTAssertEqual(c.measures.map(\.name), ["count_person_employed"])
        XCTAssertEqual(c.industry?.labels, ["A", "B-E", "C", "F", "K", "K-N", "TOTAL"])
        XCTAssertEqual(c.region.labels, ["SE213", "SE110"])
        XCTAssertEqual(c.count, 21)
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("wide layout: 7 industry columns (A, B-E, C, F, K, K-N, …) read as the industry dimension of measure `count_person_employed`") }, "\(c.notes)")
        // The 2018 row holds only the total: the industry cells are missing, not zero.
        XCTAssertEqual(c.measures[0].missingCount, 6)
        // K beside K-N is a part, not a total: the partition has K-N.
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2017, regions: [0]), registry: reg)
        XCTAssertEqual((0..<t.rowCount).map { t.columns[1].machineText($0) }, ["A", "B-E", "F", "K-N"])
        XCTAssertEqual(t.columns[4].number(0)!, (5000.0 / 46000) / (9000.0 / 520000), accuracy: 1e-12)
        var o = LoadOptions()
        o.mapping["wide"] = "industries"; o.mapping["into"] = "employment"
        XCTAssertEqual(try load(Self.wideIndustries, "wide-ind2.csv", options: o, registry: reg).measures.map(\.name), ["employment"])
        // Plain codes as headers, without a stem: the measure is `value` (or as named).
        let plain = try load("region,year,A,F,J\nSE213,2020,1,2,3\nSE110,2020,3,4,5\n", "wide-plain.csv", registry: reg)
        XCTAssertEqual(plain.industry?.labels, ["A", "F", "J"])
        XCTAssertEqual(plain.measures.map(\.name), ["value"])
        // Measures that are not industry codes stay measures.
        XCTAssertEqual(try load("region,year,employment,value_added\nSE213,2020,1,2\n", "long.csv", registry: reg).measures.map(\.name), ["employment", "value_added"])
    }

    func testWideIndustriesAskedForButNotThere() throws {
        var o = LoadOptions()
        o.mapping["wide"] = "industries"
        XCTAssertThrowsError(try load("region,industry,year,x\nSE213,A,2020,1\n", "wide-bad.csv", options: o, registry: RegistryTests.registry)) { e in
            XCTAssertEqual((e as! Diagnostic).message, "`wide industries`: wide-bad.csv already has an industry column".replacingOccurrences(of: "wide-bad.csv", with: Fixture.dir + "/wide-bad.csv"))
        }
    }

    func testLongLayoutDetectsColumnsAndKeepsCodesAsText() throws {
        let c = try load("geo,nace_r2,time,employment\nSE213,01,2022,100\nSE213,02,2022,50\n")
        XCTAssertEqual(c.region.labels, ["SE213"])
        XCTAssertEqual(c.industry!.labels, ["01", "02"], "leading zeros stay")
        XCTAssertEqual(c.years, [2022, 2022])
        XCTAssertEqual(c.measures.map(\.name), ["employment"])
        XCTAssertEqual(c.measures[0].values, [100, 50])
    }

    func testEurostatSDMXCSVWithEmptyTrailingFields() throws {
        let csv = "DATAFLOW,LAST UPDATE,freq,unit,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n" +
            "ESTAT:NAMA_10R_3EMPERS(1.0),25/04/24 23:00:00,A,THS,C,SE213,2021,20.5,,\n" +
            "ESTAT:NAMA_10R_3EMPERS(1.0),25/04/24 23:00:00,A,THS,C,SE213,2022,21.25,p,\n" +
            "ESTAT:NAMA_10R_3EMPERS(1.0),25/04/24 23:00:00,A,THS,F,SE321,2022,,,C\n"
        let c = try load(csv)
        XCTAssertEqual(c.measures.map(\.name), ["value"], "OBS_VALUE is the measure")
        XCTAssertEqual(c.measures[0].values[0...1], [20.5, 21.25])
        XCTAssertTrue(c.measures[0].values[2].isNaN, "an empty OBS_VALUE is missing")
        XCTAssertEqual(c.extras.map(\.name), ["freq", "unit"], "flags and metadata are not dimensions")
        XCTAssertEqual(c.region.labels, ["SE213", "SE321"])
        XCTAssertEqual(c.years, [2021, 2022, 2022])
        XCTAssertTrue(c.notes.contains("SDMX-CSV: OBS_FLAG kept per cell as flags; DATAFLOW, LAST UPDATE, CONF_STATUS are metadata, not kept"), "\(c.notes)")
        XCTAssertEqual(c.measures[0].flags, CellFlags(labels: ["p"], codes: [0, 1, 0]), "the flag stays with its cell")
        XCTAssertEqual(try load(csv, options: LoadOptions(mapping: ["measure": "employment"])).measures[0].name, "employment")
    }

    /// A plain CSV with a flag column (`OBS_FLAG`, `flag`): flags per cell, not a dimension
    /// that every verb would ask to pick one value of; named explicitly, it is a dimension.
    func testFlagColumnOutsideSDMX() throws {
        for header in ["OBS_FLAG", "flag", "Flags"] {
            let c = try load("region,industry,year,employment,\(header)\nA,C,2022,10,\nA,F,2022,20,p\nB,C,2022,30,e\n", "flag-\(header).csv")
            XCTAssertEqual(c.extras.map(\.name), [], header)
            XCTAssertEqual(c.measures.map(\.name), ["employment"], header)
            XCTAssertEqual(c.measures[0].flags, CellFlags(labels: ["p", "e"], codes: [0, 1, 2]), header)
            XCTAssertTrue(c.notes.contains("\(header) kept per cell as flags"), "\(c.notes)")
        }
        let firmless = try load("region,industry,year,x,flag\nA,C,2022,1,\n", "flag-region.csv")
        XCTAssertFalse(firmless.notes.contains { $0.contains("firm panel") }, "a flag column is not a firm column")
        let named = try load("geo,flag,year,x\nA,C,2022,1\nA,F,2022,2\n", "flag-named.csv", options: LoadOptions(mapping: ["industry": "flag"]))
        XCTAssertEqual(named.industry?.labels, ["C", "F"], "a column the user names keeps that role")
    }

    /// SCB's table export: codes in front of names, years as columns, Swedish headers, and a
    /// total row (`A-U alla näringsgrenar`) beside its parts.
    static let scbTable = """
    "region","näringsgren SNI 2007","kön","2021","2022"
    "08 Kalmar län","A-U alla näringsgrenar","män",1000,1010
    "08 Kalmar län","C tillverkning och utvinning","män",300,310
    "08 Kalmar län","F byggverksamhet","män",100,105
    "23 Jämtlands län","A-U alla näringsgrenar","män",500,505
    "23 Jämtlands län","C tillverkning och utvinning","män",80,82
    "23 Jämtlands län","F byggverksamhet","män",60,61

    """

    func testSCBTableCodesInFrontResolveAndTheTotalIsKnown() throws {
        let reg = RegistryTests.registry
        let c = try load(Self.scbTable, registry: reg)
        XCTAssertEqual(c.region.labels, ["08", "23"])
        XCTAssertEqual(c.region.names, ["Kalmar län", "Jämtlands län"])
        XCTAssertEqual(c.industry!.labels, ["A-U", "C", "F"])
        XCTAssertEqual(c.industry!.names, ["alla näringsgrenar", "tillverkning och utvinning", "byggverksamhet"])
        XCTAssertEqual(reg.region("08")?.code, "SE213", "the SCB county code finds the registry")
        XCTAssertEqual(reg.industry("A-U")?.code, "TOTAL")
        // The total is recognised as the parent of C and F, so it is never summed with them.
        let p = IndustryPartition.finest(present: [0, 1, 2], dimension: c.industry!, registry: reg)
        XCTAssertEqual(p.columns, [0])
        XCTAssertEqual(p.leftOut, [1, 2])
        XCTAssertEqual(c.measures[0].values[0...1], [1000, 1010])
    }

    func testASharedLinkedDataPrefixIsDroppedFromRegistryCodes() throws {
        let c = try load("Date,GeoId,Count_Person\n2017,dcid:nuts/SE213,100\n2017,dcid:nuts/SE321,50\n", registry: RegistryTests.registry)
        XCTAssertEqual(c.region.labels, ["SE213", "SE321"])
        XCTAssertTrue(c.notes.contains("region codes read without the prefix `dcid:nuts/`"))
        let kept = try load("region,year,x\nfoo/A,2017,1\nfoo/B,2017,2\n", registry: RegistryTests.registry)
        XCTAssertEqual(kept.region.labels, ["foo/A", "foo/B"], "not registry codes after the prefix: kept whole")
    }

    func testLabelsThatAreNotAllCodeAndNameStayWhole() throws {
        let c = try load("region,industry,year,x\nVästra Götaland,C,2022,1\n08 Kalmar län,C,2022,2\n")
        XCTAssertEqual(c.region.labels, ["Västra Götaland", "08 Kalmar län"], "one label without a code: no split")
    }

    func testSwedishHeadersAndSemicolonsWithDecimalComma() throws {
        let c = try load("län;bransch;år;förädlingsvärde\n08;10;2023;1 234,5\n08;16;2023;2,25\n")
        XCTAssertEqual(c.region.labels, ["08"])
        XCTAssertEqual(c.measures[0].values, [1234.5, 2.25])
        XCTAssertEqual(c.measures[0].name, "foradlingsvarde")
    }

    func testQuotedThousandsSeparatorsAndWideLayout() throws {
        let csv = "ITL region code,ITL region name,SIC07 code,SIC07 description,2019,2020\n" +
                  "TLC1,Tees Valley,Total,All industries,\"12,219\",\"12,719\"\nTLC2,North,Total,All industries,3.5,:\n"
        let c = try load(csv)
        XCTAssertEqual(c.region.labels, ["TLC1", "TLC2"])
        XCTAssertEqual(c.region.names, ["Tees Valley", "North"], "a one-to-one text column names the regions")
        XCTAssertEqual(c.years, [2019, 2020, 2019, 2020])
        XCTAssertEqual(c.measures[0].values[0], 12219)
        XCTAssertEqual(c.measures[0].values[1], 12719)
        XCTAssertTrue(c.measures[0].values[3].isNaN, "`:` is missing, not zero")
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("wide layout: 2 year columns") })
    }

    func testMissingTokensAreMissingNotZero() throws {
        let c = try load("region,industry,year,x\nA,B,2020,\nA,C,2020,..\nA,D,2020,NA\nA,E,2020,0\n")
        let v = c.measures[0].values
        XCTAssertTrue(v[0].isNaN && v[1].isNaN && v[2].isNaN)
        XCTAssertEqual(v[3], 0)
        XCTAssertEqual(c.measures[0].missingCount, 3)
    }

    func testWindows1252AndBOMAndCRLF() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("region,industry,year,x\r\n".utf8)
        let p1 = CSVLoader.self; _ = p1
        let c1 = try CSVLoader.load(path: Fixture.writeBytes("bom.csv", bytes + Array("J\u{e4}mtland,A,2020,1\r\n".utf8)), name: "d")
        XCTAssertEqual(c1.region.labels, ["Jämtland"])
        var cp: [UInt8] = Array("region,industry,year,x\n".utf8)
        cp += [0x4A, 0xE4, 0x6D, 0x74] + Array(",A,2020,1\n".utf8)   // "Jämt" in Windows-1252
        let c2 = try CSVLoader.load(path: Fixture.writeBytes("cp.csv", cp), name: "d")
        XCTAssertEqual(c2.region.labels, ["Jämt"])
        XCTAssertTrue(c2.notes.contains { $0.contains("Windows-1252") })
    }

    func testCommentsDeclareUnitsAndHeaderUnitsInParentheses() throws {
        let c = try load("# units: employment = persons\nregion,industry,year,employment,Value added (MSEK)\nA,B,2020,1,2\n")
        XCTAssertEqual(c.measures.map(\.name), ["employment", "value_added"])
        XCTAssertEqual(c.measures.map(\.unit), ["persons", "MSEK"])
    }

    func testExplicitMappingAndExtraDimension() throws {
        let c = try load("where,what,when,sex,v\nA,X,2020,M,1\nA,X,2020,F,2\n",
                         options: LoadOptions(mapping: ["region": "where", "industry": "what", "year": "when"]))
        XCTAssertEqual(c.extras.map(\.name), ["sex"])
        XCTAssertEqual(c.extras[0].labels, ["M", "F"])
    }

    func testMappingToAnUnknownColumnListsTheColumns() {
        let d = loadError("a,b,c,v\n1,2,2020,3\n", options: LoadOptions(mapping: ["region": "regoin"]))
        XCTAssertEqual(d?.message, "no column `regoin` in bad.csv (for the region)".replacingOccurrences(of: "bad.csv", with: Fixture.dir + "/bad.csv"))
        XCTAssertEqual(d?.help, "the columns are: a, b, c, v")
    }

    func testLargeFileAcrossChunksKeepsEveryRow() throws {
        var csv = "region,industry,year,x\n"
        for r in 0..<300 { for i in 0..<100 { for y in 2020...2022 { csv += "R\(r),I\(i),\(y),\(r * i + y)\n" } } }
        let c = try load(csv, "big.csv")
        XCTAssertEqual(c.count, 90_000)
        XCTAssertEqual(c.region.count, 300)
        XCTAssertEqual(c.measures[0].values.last, Double(299 * 99 + 2022))
    }

    /// A row longer than a read chunk (a region name of 600 KB) in each half of a file cut
    /// in two: the buffer grows for it and the rows after it are read as before.
    func testARowLongerThanAChunkIsReadWhole() throws {
        let long = String(repeating: "Å", count: 300_000)   // 600 KB of UTF-8
        XCTAssertGreaterThan(long.utf8.count, CSVLoader.chunkSize * 2)
        var csv = "region,industry,year,x\n"
        for half in 0..<2 {
            for r in 0..<2000 { csv += "R\(half)_\(r),I,2020,\(r)\n" }
            csv += "\(long)\(half),I,2020,7.5\n"
            for r in 0..<2000 { csv += "S\(half)_\(r),I,2020,\(r)\n" }
        }
        let c = try load(csv, "long-row.csv")
        XCTAssertEqual(c.count, 8002)
        XCTAssertTrue(c.isConsistent)
        for half in 0..<2 {
            let code = Int32(c.region.labels.firstIndex(of: "\(long)\(half)")!)
            let k = c.regionCodes.firstIndex(of: code)!
            XCTAssertEqual(c.measures[0].values[k], 7.5)
        }
        XCTAssertEqual(c.measures[0].values.reduce(0, +), 4 * Double(1999 * 2000 / 2) + 15)
    }

    /// The layout is judged from the first 1000 rows however long they are (here ≈ 420 bytes,
    /// 460 KB in all, more than a read chunk): a column without a header that is empty in the
    /// first 800 rows and filled after is seen, and refused, not left out with its numbers.
    func testTheSampleIsTheFirstThousandRowsHoweverLong() {
        let pad = String(repeating: "x", count: 400)
        var csv = "region,industry,year,x,\n"
        for r in 0..<1100 { csv += "R\(r)\(pad),I,2020,\(r),\(r < 800 ? "" : "7")\n" }
        XCTAssertGreaterThan(csv.utf8.count / 1100 * 800, CSVLoader.chunkSize)
        let d = loadError(csv, "late-unnamed.csv")
        XCTAssertTrue(d?.message.hasSuffix("late-unnamed.csv has no header") ?? false, d?.message ?? "no error")
        XCTAssertTrue(d?.message.hasPrefix("column 5 of ") ?? false)
    }

    /// A last line without its line end is read, and sampled, like the others.
    func testALastLineWithoutItsLineEnd() throws {
        let c = try load("region,industry,year,x\nA,B,2020,1\nA,C,2020,2.5", "no-final-newline.csv")
        XCTAssertEqual(c.count, 2)
        XCTAssertEqual(c.measures[0].values, [1, 2.5])
    }

    // MARK: bad files

    /// A first line longer than the head read for it is refused by name, not cut short.
    func testAHeaderLongerThanTheHeadIsRefused() {
        let header = (0..<600_000).map { "c\($0)" }.joined(separator: ",")
        XCTAssertGreaterThan(header.utf8.count, CSVLoader.headSize)
        let d = loadError(header + "\n1,2\n", "long-header.csv")
        XCTAssertEqual(d?.content?.id, .headerLineLongerThan)
        XCTAssertTrue(d?.message.hasSuffix("the header line is longer than 4 MB") ?? false, d?.message ?? "no error")
        XCTAssertEqual(d?.location?.line, 1)
    }

    func testRaggedRowNamesLineAndColumn() {
        let d = loadError("region,industry,year,x\nA,B,2020,1\nA,C,2020\n")
        XCTAssertEqual(d?.message, "expected 4 fields, found 3")
        XCTAssertEqual(d?.location?.line, 3)
        XCTAssertEqual(d?.location?.column, 9)
    }

    func testNonNumericCellNamesLineColumnAndValue() {
        let d = loadError("region,industry,year,x\nA,B,2020,1\nÅ,C,2020,12a\n")
        XCTAssertEqual(d?.message, "expected a number in column `x`, found `12a`")
        XCTAssertEqual(d?.location?.line, 3)
        XCTAssertEqual(d?.location?.column, 10, "columns count characters: Å is one")
    }

    func testDuplicateCellsAreRefusedWithBothLines() {
        let d = loadError("region,industry,year,x\nA,B,2020,1\nA,C,2020,2\n\nA,B,2020,3\n")
        XCTAssertEqual(d?.message, "two rows describe the same cell (region A, industry B, year 2020): lines 2 and 5")
    }

    func testEmptyFileAndHeaderOnly() {
        XCTAssertEqual(loadError("")?.message.hasSuffix("is empty: no header line"), true)
        XCTAssertEqual(loadError("region,industry,year,x\n")?.message.hasSuffix("has a header but no data rows"), true)
    }

    func testUnterminatedQuote() {
        let d = loadError("region,industry,year,x\nA,\"B,2020,1\n")
        XCTAssertEqual(d?.message, "a quoted field is never closed (missing \")")
        XCTAssertEqual(d?.location?.line, 2)
    }

    func testNulBytesAreNotText() {
        let p = Fixture.writeBytes("nul.csv", Array("region,industry,year,x\nA,B,2020,1\n".utf8) + [0, 0, 1])
        XCTAssertThrowsError(try CSVLoader.load(path: p, name: "d")) { e in
            XCTAssertTrue((e as! Diagnostic).message.hasSuffix("contains NUL bytes: it is not a text CSV file"))
        }
    }

    func testNoRegionColumnSaysHowToName() {
        let d = loadError("place,industry,year,x\nA,B,2020,1\n")
        XCTAssertEqual(d?.message.hasPrefix("cannot tell which column of"), true)
        XCTAssertEqual(d?.help?.contains("with region = COLUMN"), true)
    }

    func testBadYear() {
        let d = loadError("region,industry,year,x\nA,B,20x0,1\n")
        XCTAssertEqual(d?.message, "expected a year in column `year`, found `20x0`")
        XCTAssertEqual(d?.location?.column, 5)
    }

    func testMissingFile() {
        XCTAssertThrowsError(try CSVLoader.load(path: "/nonexistent/x.csv", name: "d")) { e in
            XCTAssertEqual((e as! Diagnostic).message, "cannot open /nonexistent/x.csv: no such file or directory")
        }
    }
}

/// The two-thread path (chunks without quotes) must give exactly what the one-thread path
/// (forced by a quoted field) gives, and name the right line for an error in either half.
final class CSVParallelTests: XCTestCase {
    func testParallelEqualsSequential() throws {
        var a = "region,industry,year,x,y\n", b = a
        for r in 0..<500 { for i in 0..<40 { for y in 2019...2021 {
            let row = "R\(r),\(String(format: "%02d", i)),\(y),\(r * i + y),\(Double(r) / 7)\n"
            a += row
            b += (r == 0 && i == 0 && y == 2019) ? "\"R0\",00,2019,2019,0.0\n" : row
        } } }
        XCTAssertGreaterThan(a.utf8.count, 1 << 20, "large enough to be split")
        let par = try CSVLoader.load(path: Fixture.write("par.csv", a), name: "d")
        let seq = try CSVLoader.load(path: Fixture.write("seq.csv", b), name: "d")
        XCTAssertEqual(par.region.labels, seq.region.labels)
        XCTAssertEqual(par.industry!.labels, seq.industry!.labels)
        XCTAssertEqual(par.regionCodes, seq.regionCodes)
        XCTAssertEqual(par.industryCodes, seq.industryCodes)
        XCTAssertEqual(par.years, seq.years)
        XCTAssertEqual(par.measures[0].values, seq.measures[0].values)
        XCTAssertEqual(par.measures[1].values, seq.measures[1].values)
        XCTAssertEqual(par.count, 60_000)
    }

    /// The plain path (rows read field by field) and the general path (forced by one quoted
    /// field) give the same dataset for a file that mixes plain rows with every kind of row
    /// the plain path hands over: blank lines, padded fields, CRLF, a trailing empty field,
    /// missing values, dates for years, a text column, a region first seen in such a row.
    func testPlainPathEqualsGeneralPath() throws {
        var rows: [String] = []
        for r in 0..<30 { for y in 2020...2021 {
            let v = (r * 37 + y) % 11
            switch (r + y) % 9 {
            case 0: rows.append("R\(r), I\(r % 4) ,\(y),\(v),m")          // padded
            case 1: rows.append("R\(r),I\(r % 4),\(y)-12-31,\(v),f\r")    // date, CRLF
            case 2: rows.append("R\(r),I\(r % 4),\(y),,m")                  // missing
            case 3: rows.append("R\(r),I\(r % 4),\(y),..,f,")               // SCB missing, trailing delimiter
            case 4: rows.append(""); rows.append("R\(r),I\(r % 4),\(y),\(v),m")  // a blank line before
            case 5: rows.append("R\(r),I\(r % 4),\(y),\(v).5,\tf")         // tab-padded text
            default: rows.append("R\(r),I\(r % 4),\(y),\(v),m")
            }
        } }
        let body = rows.joined(separator: "\n") + "\n"
        let plain = try CSVLoader.load(path: Fixture.write("plain.csv", "region,industry,year,x,sex\n" + body), name: "d")
        let general = try CSVLoader.load(path: Fixture.write("general.csv", "region,industry,year,x,\"sex\"\n" + body), name: "d")
        XCTAssertEqual(plain.count, 60)
        XCTAssertEqual(plain.region.labels, general.region.labels)
        XCTAssertEqual(plain.industry!.labels, general.industry!.labels)
        XCTAssertEqual(plain.extras.map(\.labels), general.extras.map(\.labels))
        XCTAssertEqual(plain.regionCodes, general.regionCodes)
        XCTAssertEqual(plain.industryCodes, general.industryCodes)
        XCTAssertEqual(plain.years, general.years)
        XCTAssertEqual(plain.extraCodes, general.extraCodes)
        XCTAssertEqual(plain.measures[0].values.map(\.bitPattern), general.measures[0].values.map(\.bitPattern))
        XCTAssertEqual(plain.industry!.labels, ["I0", "I1", "I2", "I3"], "padding trimmed in either path")
        // An error in a plain chunk is found by the general path, at its line and column.
        let bad = body.replacingOccurrences(of: "R7,I3,2021,", with: "R7,I3,2021,7x")
        XCTAssertThrowsError(try CSVLoader.load(path: Fixture.write("plain-bad.csv", "region,industry,year,x,sex\n" + bad), name: "d")) { e in
            let d = e as! Diagnostic
            XCTAssertTrue(d.message.hasPrefix("expected a number in column `x`, found `7x"), d.message)
            // Lines by bytes: in a Swift String "\r\n" is one Character, not a line end.
            let lines = Array(("region,industry,year,x,sex\n" + bad).utf8).split(separator: 10, omittingEmptySubsequences: false)
            let line = lines.firstIndex { $0.starts(with: Array("R7,I3,2021,7x".utf8)) }! + 1
            XCTAssertEqual(d.location?.line, line)
            XCTAssertEqual(d.location?.column, 12)
        }
    }

    /// A quote only in the second half sends the whole file to the one-pass reader; codes
    /// first seen in the second half keep the file's order either way.
    func testQuoteInTheSecondHalfAndCodesFirstSeenThere() throws {
        var a = "region,industry,year,x\n", b = a
        for r in 0..<500 { for i in 0..<40 { for y in 2019...2021 {
            let ind = r < 300 ? "I\(i)" : "J\(i)"
            a += "R\(r),\(ind),\(y),\(r + i + y)\n"
            b += r == 450 && i == 0 && y == 2019 ? "\"R\(r)\",\(ind),\(y),\(r + i + y)\n" : "R\(r),\(ind),\(y),\(r + i + y)\n"
        } } }
        let par = try CSVLoader.load(path: Fixture.write("par2.csv", a), name: "d")
        let seq = try CSVLoader.load(path: Fixture.write("seq2.csv", b), name: "d")
        XCTAssertEqual(par.industry!.labels, seq.industry!.labels)
        XCTAssertEqual(par.industry!.labels.prefix(3), ["I0", "I1", "I2"])
        XCTAssertEqual(par.industry!.labels.count, 80)
        XCTAssertEqual(par.industryCodes, seq.industryCodes)
        XCTAssertEqual(par.regionCodes, seq.regionCodes)
        XCTAssertEqual(par.measures[0].values, seq.measures[0].values)
    }

    /// Rows far shorter than the sampled ones: the columns outgrow the estimate and grow in
    /// place, losing nothing.
    func testColumnsGrowPastTheEstimate() throws {
        var s = "region,industry,year,x\n"
        let long = String(repeating: "x", count: 200)
        for k in 0..<1000 { s += "Q\(long)\(k),I,2020,\(k)\n" }
        for k in 0..<600_000 { s += "R\(k % 1000),\(k / 1000),2020,\(k)\n" }
        let c = try CSVLoader.load(path: Fixture.write("grow.csv", s), name: "d")
        XCTAssertEqual(c.count, 601_000)
        XCTAssertEqual(c.measures[0].values.last, 599_999)
        XCTAssertEqual(c.measures[0].values[1000 + 123_456], 123_456)
        XCTAssertEqual(c.regionCodes.last, Int32(1000 + 999))
    }

    /// The first half holds more rows than the sample made it expect (short rows), the second
    /// fewer (long ones): the first half overflows its part of the dataset's columns, the
    /// second half's rows move up to make room, and every row lands where one thread puts it.
    func testFirstHalfOverflowsItsShare() throws {
        var s = "region,industry,year,x,note\n"
        let pad = String(repeating: "p", count: 20)
        for k in 0..<1000 { s += "A\(k % 50),\(k / 50),2020,\(k),\(pad)\n" }
        var k = 0
        while s.utf8.count < 3 << 20 { s += "B\(k % 999),\(k / 999),2021,\(k),\n"; k += 1 }
        let long = String(repeating: "q", count: 90)
        var j = 0
        while s.utf8.count < 6 << 20 { s += "C\(j % 999),\(j / 999),2022,\(j),\(long)\n"; j += 1 }
        let path = Fixture.write("overflow.csv", s)
        let two = try CSVLoader.load(path: path, name: "d")
        Parallel.threads = 1
        defer { Parallel.threads = 2 }
        let one = try CSVLoader.load(path: path, name: "d")
        XCTAssertEqual(two.count, 1000 + k + j)
        XCTAssertEqual(two.regionCodes, one.regionCodes)
        XCTAssertEqual(two.industryCodes, one.industryCodes)
        XCTAssertEqual(two.years, one.years)
        XCTAssertEqual(two.extraCodes, one.extraCodes)
        XCTAssertEqual(two.measures[0].values, one.measures[0].values)
        XCTAssertEqual(two.measures[0].values.last, Double(j - 1))
    }

    func testErrorLineInEitherHalf() throws {
        for badLine in [10, 59_000] {
            var s = "region,industry,year,x\n"
            var line = 1
            for r in 0..<500 { for i in 0..<40 { for y in 2019...2021 {
                line += 1
                s += "R\(r),I\(i),\(y),\(line == badLine ? "1x" : String(line))\n"
            } } }
            XCTAssertThrowsError(try CSVLoader.load(path: Fixture.write("bad-\(badLine).csv", s), name: "d")) { e in
                let d = e as! Diagnostic
                XCTAssertEqual(d.location?.line, badLine, d.message)
                XCTAssertEqual(d.message, "expected a number in column `x`, found `1x`")
            }
        }
    }

    func testDuplicateAcrossHalvesNamesBothLines() throws {
        var s = "region,industry,year,x\n"
        for r in 0..<500 { for i in 0..<40 { for y in 2019...2021 { s += "R\(r),I\(i),\(y),1\n" } } }
        s += "R0,I0,2019,5\n"
        XCTAssertThrowsError(try CSVLoader.load(path: Fixture.write("dup-halves.csv", s), name: "d")) { e in
            XCTAssertEqual((e as! Diagnostic).message, "two rows describe the same cell (region R0, industry I0, year 2019): lines 2 and 60002")
        }
    }
}
