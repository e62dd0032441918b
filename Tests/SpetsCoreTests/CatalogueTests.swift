// CatalogueTests.swift — the message catalogue: every entry exists in both languages with the
// same placeholders, no template is listed twice, and translation works part by part.
import XCTest
@testable import SpetsCore

final class CatalogueTests: XCTestCase {
    func placeholders(_ s: String) -> [String] {
        var out: [String] = []
        var rest = Substring(s)
        while let o = rest.firstIndex(of: "{"), let c = rest[o...].firstIndex(of: "}") {
            let inner = rest[rest.index(after: o)..<c]
            if Int(inner) != nil { out.append(String(inner)) }
            rest = rest[rest.index(after: c)...]
        }
        return out.sorted()
    }

    func testEveryEntryHasBothLanguagesAndTheSamePlaceholders() {
        var seen = Set<String>()
        for e in Catalogue.allEntries {
            XCTAssertFalse(e.en.isEmpty || e.sv.isEmpty, e.en)
            XCTAssertEqual(placeholders(e.en), placeholders(e.sv), e.en)
            XCTAssertTrue(seen.insert(e.en).inserted, "listed twice: \(e.en)")
        }
        for (k, v) in Catalogue.words { XCTAssertFalse(k.isEmpty || v.isEmpty) }
        for (k, v) in Catalogue.columns { XCTAssertFalse(k.isEmpty || v.isEmpty) }
        // The chart words too: both languages, the same placeholders.
        for (k, v) in ChartWords.catalogue {
            XCTAssertFalse(v.en.isEmpty || v.sv.isEmpty, k)
            XCTAssertEqual(placeholders(v.en), placeholders(v.sv), k)
        }
    }

    func testTranslationIsPartByPartAndEnglishStaysAsItIs() {
        let line = "reference: sum of the 21 loaded regions at level county, minus the region itself (vs rest)"
        XCTAssertEqual(Catalogue.text(line, .en), line)
        XCTAssertEqual(Catalogue.text(line, .sv), "referens: summan av de 21 inlästa regionerna på nivån län, utan regionen själv (vs rest)")
        XCTAssertEqual(Catalogue.text("something no entry knows", .sv), "something no entry knows")
        XCTAssertEqual(Catalogue.text("no observations for 2030 in se", .sv), "inga observationer för 2030 i se")
        XCTAssertEqual(Catalogue.header("industry_mix", .sv), "branschstruktur")
        XCTAssertEqual(Catalogue.header("industry_mix", .en), "industry_mix")
        // Numbers in Swedish lines get a decimal comma; codes shaped like SNI groups do not.
        XCTAssertEqual(Catalogue.swedishNumber("1.49"), "1,49")
        XCTAssertEqual(Catalogue.swedishNumber(">= 0.55"), ">= 0,55")
        XCTAssertEqual(Catalogue.swedishNumber("11.3 %"), "11,3 %")
        XCTAssertEqual(Catalogue.swedishNumber("12.5 %"), "12,5 %")
        XCTAssertEqual(Catalogue.swedishNumber("0.7462"), "0,7462")
        XCTAssertNil(Catalogue.swedishNumber("10.1"), "an SNI group code")
        XCTAssertNil(Catalogue.swedishNumber("10.11"), "an SNI class code")
        XCTAssertNil(Catalogue.swedishNumber("2014–2023"))
    }
}
