// RenderSettings.swift — how results are drawn; the output formats as one table that also
// drives `set format`, `export … to FILE.ext`, help and completion.

public enum NumberLocale: String, CaseIterable, Sendable {
    case en, sv
    var group: String { self == .sv ? "\u{00A0}" : "," }
    var decimalMark: String { self == .sv ? "," : "." }
    /// `48.5%` in English, `48,5 %` in Swedish (a space before the sign, as Swedish writes it).
    var percentSign: String { self == .sv ? " %" : "%" }
}

public struct RenderSettings: Sendable {
    public var format: OutputFormat = .table
    /// Decimals for non-integer columns when set (`set decimals N`).
    public var decimals: Int? = nil
    /// Rows shown in a table for people before `… N more rows` (`set rows N`; 0 for all).
    public var maxRows: Int = 40
    /// How wide a box table may be (`set width N|auto|0`): the terminal's columns, N, or
    /// no limit.
    public enum TableWidth: Equatable, Sendable { case auto, columns(Int), unlimited }
    public var tableWidth = TableWidth.auto
    /// The terminal's columns when results are drawn on one (the shell sets it before each
    /// statement); nil for pipes, files and notebooks, so scripts print the same anywhere.
    public var terminalColumns: Int? = nil
    /// The width a box table is fitted to, if any.
    var boxLimit: Int? {
        switch tableWidth {
        case .auto: return terminalColumns
        case .columns(let n): return n
        case .unlimited: return nil
        }
    }
    public var locale: NumberLocale = .en
    /// `set locale` was given: the language no longer decides how numbers look.
    public var localeChosen = false
    /// Words for people: headers, footers, messages, charts (`set lang sv`).
    public var language: Language = .en

    /// The language, and with it how numbers are written (a Swede reads 5,035 as five),
    /// unless `set locale` said otherwise.
    public mutating func setLanguage(_ l: Language) {
        language = l
        if !localeChosen { locale = l == .sv ? .sv : .en }
    }
    /// Terminal columns, for `chart`.
    public var width: Int = 80
    /// Characters for `chart` when the terminal cannot show block elements (LANG=C, --ascii).
    public var ascii = false
    /// Results taller than the terminal go through $PAGER (interactive shell only).
    public enum Pager: String, Sendable { case auto, on, off }
    public var pager = Pager.auto
    /// Text cells that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR
    /// first) are written with a leading `'`: set for exported CSV files, which are opened
    /// in Excel; CSV on stdout stays the data as it is.
    public var inertFormulas = false
    public init() {}
}

public struct OutputFormat: Equatable, Sendable {
    public let name: String
    public let fileExtension: String
    public let help: String
    let draw: @Sendable (Table, RenderSettings) -> String
    /// The machine formats, whose rows are never cut, also write piece by piece (`write`).
    var stream: (@Sendable (Table, RenderSettings, ByteSink) throws(Diagnostic) -> Void)? = nil
    public static func == (a: OutputFormat, b: OutputFormat) -> Bool { a.name == b.name }

    public func render(_ t: Table, _ s: RenderSettings) -> String { draw(t, s) }

    /// Renders into a sink: row by row for CSV and JSON, the whole text at once for the
    /// formats meant for people (their rows are cut at `set rows`).
    public func write(_ t: Table, _ s: RenderSettings, to sink: ByteSink) throws(Diagnostic) {
        if let stream { try stream(t, s, sink) } else { sink.append(draw(t, s)) }
    }

    public static let table = OutputFormat(name: "table", fileExtension: "txt", help: "aligned box table with footer (for people)",
                                           draw: { BoxRenderer.render($0, $1) })
    public static let csv = OutputFormat(name: "csv", fileExtension: "csv", help: "comma-separated, snake_case header, exact numbers",
                                         draw: { t, s in DelimitedRenderer.csv(t, inert: s.inertFormulas) }, stream: { (t, s, sink) throws(Diagnostic) in try DelimitedRenderer.write(t, to: sink, inert: s.inertFormulas) })
    public static let json = OutputFormat(name: "json", fileExtension: "json", help: "{columns, rows, footer}; numbers exact, missing as null",
                                          draw: { t, _ in JSONRenderer.render(t) }, stream: { (t, _, sink) throws(Diagnostic) in try JSONRenderer.write(t, to: sink) })
    public static let markdown = OutputFormat(name: "markdown", fileExtension: "md", help: "GitHub-flavoured Markdown table with footer",
                                              draw: { MarkdownRenderer.render($0, $1) })

    public static let html = OutputFormat(name: "html", fileExtension: "html", help: "an HTML table with its footer (no scripts, no styles from outside)",
                                          draw: { HTMLRenderer.table($0, $1) })

    public static let all: [OutputFormat] = [.table, .csv, .json, .markdown, .html]

    public static func named(_ n: String) -> OutputFormat? { all.first { $0.name == n.lowercased() } }
    public static func forPath(_ path: String) -> OutputFormat? {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return all.first { $0.fileExtension == ext } ?? (ext == "markdown" ? .markdown : nil)
    }
}

/// Cell text shared by the renderers for people (box table, Markdown).
enum CellText {
    static func decimals(_ c: Column, _ s: RenderSettings) -> Int {
        guard case .number(let v) = c.values else { return 0 }
        if c.kind == .key { return 0 }
        let integral = v.allSatisfy { $0.isNaN || ($0 == $0.rounded() && abs($0) < 1e15) }
        if let d = c.decimals { return s.decimals ?? d }
        return integral ? 0 : (s.decimals ?? 2)
    }

    static func text(_ c: Column, _ row: Int, decimals: Int, _ s: RenderSettings) -> String {
        switch c.values {
        case .number(let v):
            let x = v[row]
            if x.isNaN { return "–" }
            if c.kind == .key { return NumberFormatting.exact(x) }
            return NumberFormatting.fixed(x, decimals: decimals, group: s.locale.group, decimalMark: s.locale.decimalMark)
        case .text(let v): return Text.printable(Catalogue.text(v[row], s.language))
        case .coded(let codes, let d):
            let i = Int(codes[row])
            let l = Text.printable(d.labels[i])
            guard let n = d.names[i].map({ Text.printable($0) }), n != l else { return l }
            return l + " " + n
        }
    }

    /// The header for people, in the session's language (`set lang sv`).
    static func header(_ c: Column, _ s: RenderSettings) -> String {
        let h = headerParts(c, s)
        return h.unit.map { "\(h.name) (\($0))" } ?? h.name
    }

    static func headerParts(_ c: Column, _ s: RenderSettings) -> (name: String, unit: String?) {
        (Text.printable(c.literalName ? c.name : Catalogue.header(c.name, s.language)), c.unit.map { Catalogue.unit($0, s.language) })
    }

    /// A footer or note line for people, in the session's language.
    static func line(_ f: String, _ s: RenderSettings) -> String { Text.printable(Catalogue.text(f, s.language)) }
}
