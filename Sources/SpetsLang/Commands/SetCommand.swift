// SetCommand.swift — `set KEY VALUE`: how results are shown (format, decimals, rows, width,
// locale, language, pager).
import SpetsCore

public struct SetCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "set", usage: "set format table|csv|json|markdown  |  set decimals N  |  set rows N  |  set width N|auto|0  |  set locale en|sv  |  set lang en|sv  |  set pager auto|on|off",
                summary: "change how results are shown", summarySV: "ändra hur resultat visas", journaled: true, node: SetCommand.self)
    public var key: NameRef
    public var value: NameRef

    /// The settings and the values each takes (empty: a number).
    public static let settings: [(name: String, values: [String])] = [
        ("format", ["table", "csv", "json", "markdown"]), ("decimals", []), ("rows", []), ("width", ["auto", "0"]), ("locale", ["en", "sv"]), ("lang", ["en", "sv"]), ("pager", ["auto", "on", "off"]),
    ]

    /// set = "set" NAME VALUE ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> SetCommand {
        p.advance()
        let key = try p.parseIdentifier("a setting (" + settings.map(\.name).joined(separator: ", ") + ")")
        guard settings.contains(where: { $0.name == key.text.lowercased() }) else {
            throw Diagnostic(.unknownSetting, key.text, span: key.span,
                             help: "settings: " + settings.map(\.name).joined(separator: ", "),
                             candidates: Text.suggestions(for: key.text, among: settings.map(\.name)))
        }
        return SetCommand(key: key, value: try p.parseName("a value"))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { try e.session.set(key, value) }

    public static func complete(_ c: CompletionContext) -> [String]? {
        if c.tokens.count == 1 { return settings.map(\.name) }
        if c.tokens.count == 2 { return settings.first { $0.name == c.tokens[1].text.lowercased() }?.values ?? [] }
        return nil
    }
}

extension Session {
    func set(_ key: NameRef, _ value: NameRef) throws(Diagnostic) -> Outcome {
        switch key.text.lowercased() {
        case "format":
            guard let f = OutputFormat.named(value.text) else {
                throw Diagnostic(.unknownFormat, value.text, span: value.span,
                                 help: "formats: " + OutputFormat.all.map(\.name).joined(separator: ", "),
                                 candidates: Text.suggestions(for: value.text, among: OutputFormat.all.map(\.name)))
            }
            settings.format = f
        case "decimals", "rows":
            guard let n = Int(value.text), n >= 0, n <= (key.text.lowercased() == "rows" ? 1_000_000 : 12) else {
                throw Diagnostic(key.text.lowercased() == "decimals" ? .takesWholeNumberFrom0To12 : .takesWholeNumber, key.text, span: value.span)
            }
            if key.text.lowercased() == "decimals" { settings.decimals = n } else { settings.maxRows = n }
        case "width":
            if value.text.lowercased() == "auto" { settings.tableWidth = .auto; return Outcome() }
            // Narrower than 20 columns no table can show a name; 0 is no limit.
            guard let n = Int(value.text), n == 0 || (n >= 20 && n <= 10_000) else {
                throw Diagnostic(.takesWidth, span: value.span)
            }
            settings.tableWidth = n == 0 ? .unlimited : .columns(n)
        case "pager":
            guard let p = RenderSettings.Pager(rawValue: value.text.lowercased()) else {
                throw Diagnostic(.takesAutoOff, span: value.span)
            }
            settings.pager = p
        case "lang", "language":
            guard let l = Language(rawValue: value.text.lowercased()) else {
                throw Diagnostic(.unknownLanguage, value.text, span: value.span, help: "languages: en, sv")
            }
            settings.setLanguage(l)
        default:
            guard let l = NumberLocale(rawValue: value.text.lowercased()) else {
                throw Diagnostic(.unknownLocale, value.text, span: value.span, help: "locales: en, sv")
            }
            settings.locale = l
            settings.localeChosen = true
        }
        return Outcome()
    }
}
