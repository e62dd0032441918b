// DataSourceTests.swift — the requests `fetch` builds: Eurostat repeats a key per value, SCB
// lists values after valueCodes[KEY]; reserved and non-ASCII characters are percent-encoded.
import XCTest
@testable import SpetsCore

final class DataSourceTests: XCTestCase {
    func testRequestsAreBuiltAndEscaped() {
        let e = DataSource.named("eurostat")!
        XCTAssertEqual(e.url(table: "nama_10r_3empers", filters: [("geo", ["SE213", "SE321"]), ("unit", ["THS"])]).split(separator: "?").last,
                       "format=JSON&lang=en&geo=SE213&geo=SE321&unit=THS")
        let s = DataSource.named("SCB")!
        XCTAssertTrue(s.url(table: "TAB6471", filters: [("Kön", ["1", "2"]), ("x", ["a b&c"])])
            .hasSuffix("/TAB6471/data?lang=sv&outputFormat=json-stat2&valueCodes[K%C3%B6n]=1,2&valueCodes[x]=a%20b%26c"))
        XCTAssertNil(DataSource.named("oecd"))
        XCTAssertEqual(DataSource.host("https://ec.europa.eu/eurostat/api"), "ec.europa.eu")
    }
}
