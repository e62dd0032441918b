// LoadRoleTests.swift — what each column of a real file is: the header families analysts
// meet, the clauses that say it (text, ignore, measure, skip, missing, unit), `Inf`, an
// Excel sheet with title rows, and the inputs that must not be accepted silently.
import XCTest
@testable import SpetsCore

final class LoadRoleTests: XCTestCase {
    let registry = RegistryTests.registry
    var n = 0
    func load(_ csv: String, options: LoadOptions = LoadOptions()) throws -> Cube {
        n += 1
        return try CSVLoader.load(path: Fixture.write("roles-\(n).csv", csv), name: "d", options: options, registry: registry)
    }

    func testHeaderFamiliesFindTheirRoles() throws {
        // (header line, the region column, the industry column, the year column)
        let families: [(String, String, String?, String)] = [
            ("GEOGRAPHY_CODE,GEOGRAPHY_NAME,INDUSTRY_CODE,DATE,OBS", "GEOGRAPHY_CODE", "INDUSTRY_CODE", "DATE"),
            ("AstLan,SNI2007,år,sysselsatta", "AstLan", "SNI2007", "år"),
            ("Län,bransch,år,antal", "Län", "bransch", "år"),
            ("municipality,year,value", "municipality", nil, "year"),
            ("geo,nace_r2,TIME_PERIOD,OBS_VALUE", "geo", "nace_r2", "TIME_PERIOD"),
            ("nuts3,näringsgren,year,employment", "nuts3", "näringsgren", "year"),
            ("itl2,SIC,Date,jobs", "itl2", "SIC", "Date"),
            ("lau,industry,year,x", "lau", "industry", "year"),
            ("origin,product,year,exports", "origin", "product", "year"),
            ("exporter,hs,year,value", "exporter", "hs", "year"),
        ]
        for (header, region, industry, year) in families {
            let cols = header.split(separator: ",").map(String.init)
            let row = cols.map { c -> String in
                if c == region { return "SE213" }
                if c == industry { return "C" }
                if c == year { return "2020" }
                if c.hasSuffix("NAME") { return "Kalmar" }
                return "5"
            }
            let c = try load(header + "\n" + row.joined(separator: ",") + "\n")
            let roles = c.notes.first { $0.hasPrefix("roles: ") || $0.hasPrefix("columns: ") } ?? ""
            XCTAssertTrue(roles.contains("region: \(region) (header)"), "\(header): \(roles)")
            if let industry { XCTAssertTrue(roles.contains("industry: \(industry) (header)"), "\(header): \(roles)") }
            XCTAssertTrue(roles.contains("year: \(year) (header)"), "\(header): \(roles)")
        }
    }

    func testInfIsMissingAndCounted() throws {
        let c = try load("region,industry,year,x\nSE213,A,2020,Inf\nSE213,F,2020,3\nSE110,A,2020,-inf\nSE110,F,2020,4\n")
        XCTAssertEqual(c.measures[0].missingCount, 2)
        XCTAssertTrue(c.notes.contains("2 cells Inf read as missing"), "\(c.notes)")
    }

    func testTheClausesSayWhatAColumnIs() throws {
        let csv = "A title above the table\n\nregion,industry,year,x,y,sic_code,Id\nSE213,A,2020,1,-,01,1\nSE213,F,2020,3,2,01,2\nSE110,A,2020,2,5,02,3\nSE110,F,2020,4,9,02,4\n"
        var o = LoadOptions()
        o.skipRows = 2
        o.missingMarkers = ["-"]
        o.measureColumns = ["x"]
        o.units = [("x", "persons")]
        let c = try load(csv, options: o)
        XCTAssertEqual(c.measures.map(\.name), ["x"])
        XCTAssertEqual(c.measures[0].unit, "persons")
        XCTAssertTrue(c.notes.contains("not measures (`measure …` names the measures): y"), "\(c.notes)")
        XCTAssertTrue(c.extras.map(\.name).contains("sic_code"), "a header that says code is codes: \(c.extras.map(\.name))")
        o.measureColumns = nil
        o.textColumns = ["y"]
        o.ignoreColumns = ["Id"]
        let t = try load(csv, options: o)
        XCTAssertEqual(t.measures.map(\.name), ["x"])
        XCTAssertTrue(t.extras.map(\.name).contains("y"))
        XCTAssertFalse(t.extras.map(\.name).contains("Id"))
    }

    func testClauseErrorsNameTheColumn() {
        func message(_ o: LoadOptions, _ csv: String = "region,industry,year,x\nSE213,A,2020,1\n") -> String {
            do { _ = try load(csv, options: o); return "no error" } catch { return (error as! Diagnostic).message }
        }
        var o = LoadOptions(); o.textColumns = ["xx"]
        XCTAssertTrue(message(o).hasPrefix("no column `xx` in "), message(o))
        o = LoadOptions(); o.mapping["region"] = "region"; o.textColumns = ["region"]
        XCTAssertEqual(message(o), "column `region` is given as the region and as `text`")
        o = LoadOptions(); o.units = [("region", "persons")]
        XCTAssertTrue(message(o).hasPrefix("`unit region = …`: column `region` is not a measure"), message(o))
        XCTAssertTrue(message(LoadOptions(), "region,,year,x\nSE213,A,2020,1\n").hasPrefix("column 2 of "), "an empty header with content")
        XCTAssertTrue(message(LoadOptions(), "DATAFLOW,geo,TIME_PERIOD,LAST UPDATE\nX,SE213,2020,2024\n").contains("has no OBS_VALUE column"))
        let codes = try? load("region,year,kommunkod,x\nSE213,2020,0880,1\nSE213,2021,0881,2\n")
        XCTAssertEqual(codes?.extras.first?.labels, ["0880", "0881"], "a column whose header says code keeps its codes")
    }

    func testANumberErrorSuggestsTextOrMissing() {
        do {
            _ = try load("region,industry,year,jobs\n" + (0..<60).map { "SE110,F,\(2000 + $0),1\n" }.joined() + "SE213,F,2020,x\n")
            XCTFail("x is not a number")
        } catch {
            let d = error as! Diagnostic
            XCTAssertTrue(d.help?.contains("if `jobs` holds codes, load with `text jobs`; if `x` means missing, with `missing \"x\"`") ?? false, d.help ?? "")
            XCTAssertEqual(d.location?.line, 62)
        }
    }

    func testIdAloneIsNotAFirmPanel() throws {
        XCTAssertThrowsError(try load("Id,Lan_namn,year,x\n1,Kalmar,2020,5\n")) { e in
            XCTAssertTrue((e as! Diagnostic).message.hasPrefix("cannot tell which column of"), (e as! Diagnostic).message)
        }
        let firms = try load("firm,year,x\nf1,2020,5\nf2,2020,6\n")
        XCTAssertEqual(firms.region.labels, ["ALL"])
    }

    func testAnExcelSheetWithTitleRowsFindsItsHeader() throws {
        func sheet(_ rows: [[String]]) -> [UInt8] {
            let xml = rows.enumerated().map { r, cells in
                "<row r=\"\(r + 1)\">" + cells.enumerated().filter { !$0.element.isEmpty }.map { c, v in
                    let ref = String(UnicodeScalar(UInt8(65 + c))) + "\(r + 1)"
                    return Double(v) != nil ? "<c r=\"\(ref)\"><v>\(v)</v></c>" : "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(v)</t></is></c>"
                }.joined() + "</row>"
            }.joined()
            return Zip.write([
                ("xl/workbook.xml", Array("<workbook><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
                ("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
                ("xl/worksheets/sheet1.xml", Array("<worksheet><sheetData>\(xml)</sheetData></worksheet>".utf8)),
            ])
        }
        let rows = [["Employment by county and industry"], ["Source: a statistics office"], ["region", "industry", "year", "employment"],
                    ["SE213", "A", "2020", "5"], ["SE213", "F", "2020", "7"], ["SE110", "A", "2020", "3"], ["SE110", "F", "2020", "9"],
                    [], ["Note: numbers are invented"]]
        let path = Fixture.dir + "/titles.xlsx"
        FileManager.default.createFile(atPath: path, contents: Data(sheet(rows)))
        let auto = try XLSXLoader.load(path: path, name: "x", options: LoadOptions(), registry: registry)
        XCTAssertEqual(auto.count, 4)
        XCTAssertTrue(auto.notes.contains { $0.hasPrefix("sheet Data: the header is row 3; 2 title rows above it left out") }, "\(auto.notes)")
        XCTAssertTrue(auto.notes.contains { $0.contains("notes under the table (1 row") }, "\(auto.notes)")
        var o = LoadOptions(); o.skipRows = 2
        let skipped = try XLSXLoader.load(path: path, name: "x", options: o, registry: registry)
        XCTAssertEqual(skipped.measures[0].values, auto.measures[0].values)
        XCTAssertEqual(skipped.regionCodes, auto.regionCodes)
    }

    func testALevelColumnIsNeverTheRegions() throws {
        let c = try load("ITL,ITL_code,SIC,year,jobs\nUK,UK,A,2020,100\nITL1,TLC,A,2020,10\nITL2,TLC1,A,2020,4\nITL2,TLC2,A,2020,6\n")
        XCTAssertEqual(c.region.labels, ["UK", "TLC", "TLC1", "TLC2"])
        XCTAssertEqual(c.extras.map(\.name), ["itl"])
        XCTAssertTrue(c.notes.contains { $0.hasPrefix("column `ITL` names levels (UK, ITL1, ITL2), not regions") }, "\(c.notes)")
    }

    func testTheTypographicMinusIsAMinus() throws {
        let c = try load("region,industry,year,change\nSE213,A,2020,\u{2212}12.5\nSE213,F,2020,3\n")
        XCTAssertEqual(c.measures[0].values, [-12.5, 3])
    }

    func testNOMISAndKoladaTakeTheCodesNotTheIdsOrTheNames() throws {
        let nomis = "GEOGRAPHY,GEOGRAPHY_NAME,GEOGRAPHY_CODE,INDUSTRY,INDUSTRY_NAME,INDUSTRY_CODE,DATE,DATE_NAME,OBS_VALUE,OBS_STATUS,OBS_STATUS_NAME\n"
            + "1811939329,Hartlepool,E06000001,37748736,Agriculture,A,2020,2020,100,A,Normal Value\n"
            + "1811939330,Middlesbrough,E06000002,37748736,Agriculture,A,2020,2020,,Q,Suppressed\n"
        let n = try load(nomis)
        XCTAssertEqual(n.region.labels, ["E06000001", "E06000002"])
        XCTAssertEqual(n.industry?.labels, ["A"])
        XCTAssertEqual(n.measures.map(\.name), ["value"])
        XCTAssertEqual(n.extras.count, 0, "no status or id column left to block an analysis: \(n.extras.map(\.name))")
        XCTAssertTrue(n.notes.contains("column `GEOGRAPHY` left out: an identifier beside `GEOGRAPHY_CODE`"), "\(n.notes)")
        let k = try load("kpi,municipality_id,municipality,period,value\nN1,0880,Kalmar,2020,5\nN1,0881,Nybro,2020,6\n")
        XCTAssertEqual(k.region.labels, ["0880", "0881"])
        XCTAssertEqual(k.region.names, ["Kalmar", "Nybro"])
    }

    func testEurostatUnderscoreCodesAreTheRegistrysGroups() throws {
        let c = try load("geo,nace_r2,TIME_PERIOD,OBS_VALUE\nSE213,M_N,2020,5\nSE213,TOTAL,2020,50\nSE213,C,2020,10\nSE110,M_N,2020,9\nSE110,TOTAL,2020,90\nSE110,C,2020,30\n")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020, regions: [0]), registry: registry)
        // M_N and C are both parts of TOTAL (neither contains the other): each against TOTAL.
        XCTAssertEqual((0..<t.rowCount).map { t.columns[1].machineText($0) }, ["M_N", "C"])
        XCTAssertEqual(t.columns[4].number(0)!, (5.0 / 50) / (14.0 / 140), accuracy: 1e-12)
    }

    func testCodesFoundLateOrWithLeadingZerosStayCodes() throws {
        // `sic07` looks numeric for 70 rows, then `P (85)`: read again as codes, and said.
        let rows = ["region,industry,sic07,year,jobs"] + (0..<70).map { "SE213,C\($0),\(10 + $0),2020,\($0 + 1)" } + ["SE213,Q,P (85),2020,5"]
        let c = try load(rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(c.measures.map(\.name), ["jobs"])
        XCTAssertTrue(c.notes.first?.hasPrefix("column `sic07` read as codes: found `P (85)` at line 72 is not a number") ?? false, "\(c.notes)")
        // `0880` is a code, never the number 880.
        let z = try load("region,year,kommun_nr,x\nSE213,2020,0880,1\nSE213,2021,0881,2\n")
        XCTAssertEqual(z.extras.first?.labels, ["0880", "0881"])
    }

    func testALevelClauseAndRegionsAsColumns() throws {
        var o = LoadOptions(); o.levelColumn = "Nivå"
        let l = try load("Nivå,region,industry,year,x\nriket,SE,A,2020,5\nlän,SE213,A,2020,2\n", options: o)
        XCTAssertTrue(l.notes.contains { $0.hasPrefix("column `Nivå` names levels (riket, län), not regions") }, "\(l.notes)")
        let w = try load("industry,year,SE110,SE213,SE321\nA,2020,10,5,7\nF,2020,30,6,9\n")
        XCTAssertEqual(w.region.labels, ["SE110", "SE213", "SE321"])
        XCTAssertEqual(w.count, 6)
        let t = try LocationQuotient.compute(w, LQRequest(measure: 0, year: 2020, regions: [1]), registry: registry)
        XCTAssertEqual(t.columns[4].number(0)!, (5.0 / 11) / (22.0 / 67), accuracy: 1e-12)
        var r = LoadOptions(); r.mapping["wide"] = "regions"; r.mapping["into"] = "exports"
        let trade = try load("product,year,are,swe,nor\nX,2021,5,2,3\nY,2021,5,8,7\n", options: r)
        XCTAssertEqual(trade.region.labels, ["are", "swe", "nor"])
        XCTAssertEqual(trade.measures.map(\.name), ["exports"])
    }
}
