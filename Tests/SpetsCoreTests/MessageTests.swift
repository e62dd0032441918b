// MessageTests.swift — messages as data: every message has a template in each language, with
// the same placeholders and the same code in backticks; filling in is one pass.
import XCTest
@testable import SpetsCore

final class MessageTests: XCTestCase {
    static func code(_ s: String) -> [String] {
        s.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }.sorted()
    }

    func testEveryMessageHasBothLanguagesWithTheSamePlaceholders() {
        XCTAssertEqual(Set(Messages.en.keys), Set(MessageID.allCases), "an id without an English template")
        XCTAssertEqual(Set(Messages.sv.keys), Set(MessageID.allCases), "an id without a Swedish template")
        for id in MessageID.allCases {
            guard let en = Messages.en[id], let sv = Messages.sv[id] else { continue }
            XCTAssertEqual(Messages.placeholders(en), Messages.placeholders(sv), "\(id): \(en) / \(sv)")
            XCTAssertEqual(Self.code(en), Self.code(sv), "\(id): the code in backticks differs")
            XCTAssertFalse(sv.isEmpty, "\(id)")
        }
    }

    func testAMessageIsFilledInOnceAndTranslatedByItsId() {
        XCTAssertEqual(Messages.fill("{0} and {1}", ["{1}", "b"]), "{1} and b")
        let d = Diagnostic(.noDataset, "se")
        XCTAssertEqual(d.message, "no dataset `se`")
        XCTAssertEqual(d.text(.sv), Messages.fill(Messages.sv[.noDataset]!, ["se"]))
        var prefixed = d
        prefixed.message = "reference region: " + d.message
        XCTAssertNil(prefixed.content, "a message changed by hand is plain text again")
        XCTAssertEqual(prefixed.text(.en), "reference region: no dataset `se`")
    }
}
