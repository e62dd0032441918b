// LanguageTests.swift — the tests that read like the language: every
// Tests/Language/<feature>/*.spets runs statement by statement in one session. Under a
// statement, `# expect: LINE` lines are what it prints, in order and whole; a line
// `#   ^^^ error: MESSAGE` (or `fel: …` under `set lang sv`) says it fails with MESSAGE and the caret under those columns of
// the statement above (so columns are counted by eye, not by hand), and `# expect:` lines
// under it are lines it shows after the caret (`  did you mean …?`). A statement with
// neither must not fail. `{fixtures}` and `{datasets}` name the repository's folders.
import Foundation
import XCTest
@testable import SpetsLang

final class LanguageTests: XCTestCase {
    struct Case {
        var statement: String
        var line: Int
        var expect: [String] = []
        var caret: (marks: String, message: String)? = nil
    }

    static func cases(_ text: String) -> [Case] {
        var out: [Case] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("# expect: ") || line == "# expect:" {
                out[out.count - 1].expect.append(String(line.dropFirst("# expect: ".count)))
            } else if line.hasPrefix("#"), let e = line.range(of: " error: ") ?? line.range(of: " fel: "),
                      line.dropFirst().prefix(while: { $0 == " " || $0 == "^" }).contains("^") {
                let marks = String(" " + line[line.index(after: line.startIndex)..<e.lowerBound])
                out[out.count - 1].caret = (String(marks.reversed().drop { $0 == " " }.reversed()), String(line[line.index(after: e.lowerBound)...]))
            } else if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty {
                continue
            } else {
                out.append(Case(statement: line, line: n + 1))
            }
        }
        return out
    }

    func testLanguageFolders() throws {
        let root = Repo.root + "/Tests/Language"
        let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".spets") }.sorted()
        XCTAssertFalse(files.isEmpty, "no language tests under \(root)")
        for f in files {
            let text = try String(contentsOfFile: root + "/" + f, encoding: .utf8)
                .replacingOccurrences(of: "{fixtures}", with: Repo.root + "/Tests/Fixtures")
                .replacingOccurrences(of: "{datasets}", with: Repo.root + "/datasets")
            let h = try Harness()
            for c in Self.cases(text) {
                let at = "\(f):\(c.line): \(c.statement)"
                let got = h.run(c.statement).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let lines = got.last == "" ? Array(got.dropLast()) : got
                if let caret = c.caret {
                    guard let i = lines.firstIndex(where: { $0.hasPrefix("error: ") || $0.hasPrefix("fel: ") }) else { XCTFail("\(at): no error; printed \(lines)"); continue }
                    XCTAssertEqual(lines[i], caret.message, at)
                    XCTAssertEqual(lines.count > i + 2 ? lines[i + 2] : "", "  " + caret.marks, "\(at): caret")
                    // `# expect:` lines under an error: lines it shows after the caret (the fix).
                    for e in c.expect { XCTAssertTrue(lines.dropFirst(i + 3).contains(e), "\(at): no line \(e) in \(lines.joined(separator: "\n"))") }
                } else {
                    XCTAssertFalse(lines.contains { $0.hasPrefix("error: ") || $0.hasPrefix("fel: ") }, "\(at): failed: \(lines.joined(separator: "\n"))")
                    if !c.expect.isEmpty { XCTAssertEqual(lines, c.expect, at) }
                }
            }
        }
    }
}
