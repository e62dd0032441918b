// RegistryTests.swift — the registries stay the one place: every command type under
// Commands/ is registered, statements have three kinds, nothing outside the registry
// switches on statement names, and the docs' statement tables follow the registry.
import Foundation
import XCTest
@testable import SpetsLang

final class RegistryTests: XCTestCase {
    static let lang = Repo.root + "/Sources/SpetsLang"

    static func swiftFiles(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".swift") }.sorted()
    }

    func testEveryCommandTypeIsRegistered() throws {
        let registered = Set(CommandTable.all.compactMap { $0.node.map { String(describing: $0) } })
        var declared: [String] = []
        for f in Self.swiftFiles(Self.lang + "/Commands") {
            let text = try String(contentsOfFile: Self.lang + "/Commands/" + f, encoding: .utf8)
            let re = try NSRegularExpression(pattern: #"public struct (\w+Command): "#)
            for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                declared.append(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        XCTAssertGreaterThan(declared.count, 30)
        for d in declared { XCTAssertTrue(registered.contains(d), "\(d) is not listed in CommandTable.all") }
        XCTAssertEqual(Set(CommandTable.all.map(\.name)).count, CommandTable.all.count, "a command name is registered twice")
        for c in CommandTable.all where c.node != nil {
            XCTAssertTrue(c.usage.hasPrefix(c.name), "\(c.name): the usage starts with the command's word")
        }
    }

    func testStatementsHaveAtMostFourKinds() throws {
        let ast = try String(contentsOfFile: Self.lang + "/Syntax/AST.swift", encoding: .utf8)
        let body = ast.components(separatedBy: "public enum StatementKind")[1].components(separatedBy: "\n}\n")[0]
        let cases = body.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("case ") }
        XCTAssertLessThanOrEqual(cases.count, 4, cases.joined(separator: "\n"))
    }

    /// `case "load":` and the like: dispatch on a statement's name belongs to the registry.
    func testNoSwitchOnStatementNamesOutsideTheRegistry() throws {
        let names = CommandTable.all.map(\.name)
        for f in Self.swiftFiles(Self.lang) where !f.hasPrefix("Commands/") {
            let text = try String(contentsOfFile: Self.lang + "/" + f, encoding: .utf8)
            for (n, line) in text.split(separator: "\n").enumerated() {
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("case \"") else { continue }
                let word = t.dropFirst("case \"".count).prefix { $0 != "\"" }
                XCTAssertFalse(names.contains(String(word)), "\(f):\(n + 1): `\(t)` switches on a statement name")
            }
        }
    }

    /// docs/language.md: the command index between its markers is the registry's, and every
    /// command is in the grammar. SPETS_UPDATE_DOCS=1 rewrites the index.
    func testTheLanguageReferenceFollowsTheRegistry() throws {
        let path = Repo.root + "/docs/language.md"
        let doc = try String(contentsOfFile: path, encoding: .utf8)
        let begin = "<!-- command index: generated from CommandTable (RegistryTests) -->\n", end = "<!-- end of command index -->"
        guard let a = doc.range(of: begin), let b = doc.range(of: end, range: a.upperBound..<doc.endIndex) else {
            return XCTFail("docs/language.md has no command index markers")
        }
        let index = CommandTable.markdownIndex()
        if ProcessInfo.processInfo.environment["SPETS_UPDATE_DOCS"] == "1" {
            try (String(doc[..<a.upperBound]) + index + String(doc[b.lowerBound...])).write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(String(doc[a.upperBound..<b.lowerBound]), index, "the command index in docs/language.md is out of date (SPETS_UPDATE_DOCS=1)")
        let grammar = doc.components(separatedBy: "```ebnf")[1].components(separatedBy: "```")[0]
        for c in CommandTable.all { XCTAssertTrue(grammar.contains("\"\(c.name)\""), "`\(c.name)` is missing from the grammar") }
    }
}
