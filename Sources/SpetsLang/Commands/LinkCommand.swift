// LinkCommand.swift — `link fields to areas "FILE.csv"|preset NAME`: research fields mapped
// to knowledge areas, for `activity … by area` and `strengths`.
import SpetsCore

public struct LinkCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "link", usage: "link fields to areas \"FILE.csv\"  |  link fields to areas preset NAME",
                summary: "research fields → knowledge areas (columns area, title, fields), for `activity … by area` and `strengths`", summarySV: "forskningsämnen → kunskapsområden (kolumnerna area, title, fields), för `activity … by area` och `strengths`", journaled: true, contained: false, node: LinkCommand.self)
    public var file: NameRef?
    public var preset: NameRef?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> LinkCommand { try p.parseLink() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { try e.session.linkFields(file: file, preset: preset, text: e.text) }
    public func restore(_ e: Evaluation) throws(Diagnostic) -> Bool {
        _ = try e.session.linkFields(file: file, preset: preset, text: e.text, persist: false)
        return true
    }
}

extension Parser {
    /// link = "link" "fields" "to" "areas" ( STRING | "preset" NAME ) ;
    mutating func parseLink() throws(Diagnostic) -> LinkCommand {
        advance()
        try expect(word: "fields", "after `link` (`link fields to areas …`)")
        try expect(word: "to", "in `link fields to areas`")
        try expect(word: "areas", "in `link fields to areas`")
        if match(word: "preset") { return LinkCommand(file: nil, preset: try parseIdentifier("a preset name such as kalmar")) }
        return LinkCommand(file: try parsePath("a CSV file (area, title, fields) or `preset NAME`"), preset: nil)
    }

}

extension Session {
    /// The research-field registry (names for codes), read on first use.
    func researchFields() -> ResearchFields {
        if let f = researchFieldCache { return f }
        var f = ResearchFields()
        if let dir = researchDirectory, let bytes = try? FileIO.read(dir + "/fields.csv"),
           let read = try? ResearchFields.read(bytes, file: dir + "/fields.csv") { f = read }
        researchFieldCache = f
        return f
    }

    /// `link fields to areas "FILE.csv"` or `… preset NAME` (datasets/research/links-NAME.csv):
    /// rows `area, title, fields` with the fields separated by spaces.
    func linkFields(file: NameRef?, preset: NameRef?, text: String, persist: Bool = true) throws(Diagnostic) -> Outcome {
        let path: String, span: Range<Int>
        if let file { path = file.text; span = file.span } else {
            let p = preset!
            let available = researchDirectory.map { dir in FileIO.list(dir).map(\.name).filter { $0.hasPrefix("links-") && $0.hasSuffix(".csv") } } ?? []
            guard let dir = researchDirectory, available.contains("links-\(p.text.lowercased()).csv") else {
                let names = available.map { String($0.dropFirst(6).dropLast(4)) }
                throw Diagnostic(.noLinkPreset, p.text, span: p.span,
                                 help: names.isEmpty ? "no presets found (datasets/research)" : "presets: " + names.joined(separator: ", "),
                                 candidates: Text.suggestions(for: p.text, among: names))
            }
            path = dir + "/links-\(p.text.lowercased()).csv"; span = p.span
        }
        let rows: [[String]]
        do { rows = try CSVText.rows(try FileIO.read(path), file: path).1 } catch { throw error.at(span) }
        guard let header = rows.first, let ai = header.firstIndex(of: "area"), let fi = header.firstIndex(of: "fields") else {
            throw Diagnostic(.needsColumnsAreaFieldsOptionally, path, span: span)
        }
        let ti = header.firstIndex(of: "title")
        var links: [FieldLink] = []
        for (n, r) in rows.dropFirst().enumerated() where r.count > max(ai, fi) {
            let fields = Set(r[fi].split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init))
            guard !r[ai].isEmpty, !fields.isEmpty else {
                throw Diagnostic(.rowHasNoAreaNo, path, n + 2, span: span)
            }
            links.append(FieldLink(area: r[ai], title: ti.map { r[$0] } ?? r[ai], fields: fields))
        }
        guard !links.isEmpty else { throw Diagnostic(.linksNoFieldsAreas, path, span: span) }
        fieldLinks = links
        if persist { try workspace.setDefinition(name: "(field links)", kind: "link", statement: text) }
        return Outcome(messages: ["linked research fields to \(plural(links.count, "area")): " + links.map(\.area).joined(separator: ", ")])
    }
}
