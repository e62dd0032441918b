// ReportCommand.swift — `report "FILE.md|.html" [for R] [from Y0] [to Y1] [dated]`: the
// yearly follow-up of a region (what it holds: Report/FollowUpReport.swift). Deterministic:
// no date unless `dated`.
import Glibc
import SpetsCore

public struct ReportCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "report", usage: "report \"FILE.md|.html\" [for R] [from YEAR] [to YEAR] [dated]",
                                         summary: "a follow-up report (goals with their charts, specialisation, portfolio, shift-share)",
                                         summarySV: "en uppföljningsrapport (mål med diagram, specialisering, portfölj, shift-share)",
                                         journaled: true, contained: false, takesPath: true, node: ReportCommand.self)
    public var path: NameRef
    public var region: NameRef?
    public var from: Int?
    public var to: Int?
    public var dated: Bool

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ReportCommand { try p.parseReport() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        try e.session.report(self, file: try e.session.outputPath(path), span: e.span)
    }
}

extension Parser {
    /// report = "report" output [ "for" name ] [ "from" YEAR ] [ "to" YEAR ] [ "dated" ] ;
    mutating func parseReport() throws(Diagnostic) -> ReportCommand {
        advance()
        let path = try parseOutputPath("a report file (.md or .html)")
        var r = ReportCommand(path: path, region: nil, from: nil, to: nil, dated: false)
        var spec = VerbTable.named("project")!
        spec.clauses = [ClauseSpec(keyword: "dated", shape: .flag, required: false, help: ""),
                        ClauseSpec(keyword: "from", shape: .year, required: false, help: ""),
                        ClauseSpec(keyword: "to", shape: .year, required: false, help: "")]
        while !atStatementEnd {
            if match(word: "for") { r.region = try parseMultiwordName(spec); continue }
            if match(word: "from") { r.from = try parseYear(); continue }
            if match(word: "to") {
                let at = peek
                r.to = try parseYear()
                if let from = r.from { do { try PeriodOrder.check(from, r.to!) } catch { throw error.at(at.span) } }
                continue
            }
            if match(word: "dated") { r.dated = true; continue }
            throw error(.unexpected4, describe(peek), help: "usage: " + ReportCommand.spec.usage)
        }
        return r
    }
}

extension Session {
    func report(_ c: ReportCommand, file: String, span: Range<Int>) throws(Diagnostic) -> Outcome {
        let lower = c.path.text.lowercased()
        let html = lower.hasSuffix(".html") || lower.hasSuffix(".htm")
        guard html || lower.hasSuffix(".md") else { throw Diagnostic(.reportWrittenMarkdownMdHtml, span: c.path.span) }
        var doc = try followUp(region: c.region, window: ReportWindow(from: c.from, to: c.to), at: c.path.span)
        if c.dated { doc.intro.append("made \(today())") }
        var s = settings
        s.maxRows = Int.max
        s.tableWidth = .unlimited
        do throws(Diagnostic) {
            if html {
                try FileIO.write(file, doc.html(s))
            } else {
                // The charts in `NAME.files/` beside the page, linked by relative paths.
                let folderName = FileIO.figureFolder(forPage: file)
                let dir = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
                let folder = (dir.isEmpty && !file.hasPrefix("/") ? "." : dir) + "/" + folderName
                let (text, figures) = doc.markdown(s, figureFolder: folderName)
                try FileIO.writeFigures(figures, into: folder)
                try FileIO.write(file, text)
            }
        } catch { throw error.at(c.path.span) }
        wrote(file)
        return Outcome(messages: ["report for \(doc.region) written to \(c.path.text)"])
    }

    /// `dated`: the date the report was made (only when asked: output stays reproducible).
    func today() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tmv.tm_year + 1900)-\(two(tmv.tm_mon + 1))-\(two(tmv.tm_mday))"
    }
}
