// AreaCommand.swift — `area` and `areas`: knowledge areas defined from codes, ranges,
// sections, other areas and presets; kept in the workspace and replayed on reopen.
import SpetsCore

public struct AreaCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "area", usage: "area NAME = industries CODE|A..B|SECTION|AREA, … [except …]  |  area NAME = preset NAME",
                summary: "define a knowledge area (a named set of industries)", summarySV: "definiera ett kunskapsområde (en namngiven grupp branscher)", journaled: true, node: AreaCommand.self)
    public var name: NameRef
    public var spec: AreaSpec

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> AreaCommand { try p.parseArea() }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        try e.session.defineArea(name, spec, text: e.text)
        let a = e.session.areas[name.text]!
        return Outcome(messages: ["area \(name.text): \(a.members.count) industries (\(a.compactMembers))"])
    }

    public func restore(_ e: Evaluation) throws(Diagnostic) -> Bool {
        try e.session.defineArea(name, spec, text: e.text, persist: false)
        return true
    }

    public static func complete(_ c: CompletionContext) -> [String]? { c.tokens.count == 1 ? [] : nil }
}

public struct AreasCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "areas", usage: "areas", summary: "list the defined areas and the presets", summarySV: "lista definierade områden och förvalen", journaled: true, yieldsTable: true, node: AreasCommand.self)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> AreasCommand { p.advance(); return AreasCommand() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(table: e.session.areasTable()) }
}

extension Parser {
    /// area = "area" NAME "=" ( "industries" items [ "except" items ] | "preset" NAME ) ;
    mutating func parseArea() throws(Diagnostic) -> AreaCommand {
        advance()
        let name = try parseIdentifier("an area name")
        _ = try expect(symbol: "=", "after `area \(name.text)`")
        if match(word: "preset") { return AreaCommand(name: name, spec: .preset(try parseName("a preset name (`areas` lists them)"))) }
        try expect(word: "industries", "or `preset` after `area \(name.text) =`")
        let include = try parseIndustryItems()
        var exclude: [AreaItemRef] = []
        if match(word: "except") { exclude = try parseIndustryItems() }
        return AreaCommand(name: name, spec: .items(include: include, exclude: exclude))
    }

}

/// A preset area shipped in `datasets/areas/*.csv` (columns: preset, title, codes).
public struct Preset {
    public var name: String
    public var title: String
    public var codes: [AreaItem]
    public var file: String
}

extension Session {
    func defineArea(_ name: NameRef, _ spec: AreaSpec, text: String, persist: Bool = true) throws(Diagnostic) {
        try checkBindable(name)
        let known = Set(datasets.values.flatMap { $0.industry?.labels.map { $0.uppercased() } ?? [] })
        var others = areas
        others[name.text] = nil   // an area cannot contain itself
        var members = Set<String>()
        var title: String? = nil
        switch spec {
        case .preset(let p):
            let all = presets()
            guard let preset = all.first(where: { $0.name.lowercased() == p.text.lowercased() }) else {
                throw Diagnostic(.noPreset, p.text, span: p.span,
                                 help: all.isEmpty ? "no presets found (datasets/areas)" : "presets: " + all.map(\.name).joined(separator: ", "),
                                 candidates: Text.suggestions(for: p.text, among: all.map(\.name)))
            }
            for item in preset.codes {
                do { members.formUnion(try AreaBuilder.leaves(of: item, registry: registry, areas: others, known: known)) }
                catch { throw error.at(p.span) }
            }
            title = preset.title
        case .items(let include, let exclude):
            for it in include {
                do { members.formUnion(try AreaBuilder.leaves(of: it.item, registry: registry, areas: others, known: known)) }
                catch { throw error.at(it.span) }
            }
            for it in exclude {
                do { members.subtract(try AreaBuilder.leaves(of: it.item, registry: registry, areas: others, known: known)) }
                catch { throw error.at(it.span) }
            }
            if members.isEmpty { throw Diagnostic(.areaHasNoIndustriesLeft, name.text, span: name.span) }
        }
        if areas[name.text] == nil { areaOrder.append(name.text) }
        areas[name.text] = Area(name: name.text, members: members, definition: text, title: title)
        if persist { try workspace.setDefinition(name: name.text, kind: "area", statement: text) }
    }

    /// Presets from every CSV in the preset directory, in file then row order.
    func presets() -> [Preset] {
        guard let dir = presetDirectory else { return [] }
        var out: [Preset] = []
        for f in FileIO.list(dir) where f.name.hasSuffix(".csv") {
            let path = dir + "/" + f.name
            guard let bytes = try? FileIO.read(path), let (_, rows) = try? CSVText.rows(bytes, file: path), rows.count > 1 else { continue }
            for r in rows.dropFirst() where r.count >= 3 {
                let items: [AreaItem] = r[2].split(whereSeparator: { $0 == " " || $0 == "," }).map { w in
                    let parts = String(w).components(separatedBy: "..")
                    return parts.count == 2 ? .range(parts[0], parts[1]) : .code(String(w))
                }
                out.append(Preset(name: r[0], title: r[1], codes: items, file: f.name))
            }
        }
        return out
    }

    func areasTable() -> Table {
        var name: [String] = [], kind: [String] = [], members: [String] = [], about: [String] = []
        for n in areaOrder {
            let a = areas[n]!
            name.append(n); kind.append("defined"); members.append(a.compactMembers); about.append(a.title ?? a.definition)
        }
        for p in presets() {
            name.append(p.name); kind.append("preset (\(p.file))")
            members.append(p.codes.map { if case .range(let a, let b) = $0 { return "\(a)..\(b)" }; if case .code(let c) = $0 { return c }; return "" }.joined(separator: ", "))
            about.append(p.title)
        }
        return Table(columns: [Column("name", .text(name), kind: .key), Column("kind", .text(kind)),
                               Column("industries", .text(members)), Column("about", .text(about))],
                     footer: ["define with  area NAME = industries CODES  or  area NAME = preset NAME"])
    }
}

extension String {
    /// Splits on a separator string (no Foundation).
    func components(separatedBy sep: String) -> [String] {
        var out: [String] = []
        var rest = self[...]
        while let r = rest.firstRange(of: sep) { out.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...] }
        out.append(String(rest))
        return out
    }
}
