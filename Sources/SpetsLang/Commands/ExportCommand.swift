// ExportCommand.swift — `export EXPRESSION to "FILE"`: a result written to a file, the format
// by its extension (CSV, JSON, Markdown, text, xlsx).
import SpetsCore

public struct ExportCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "export", usage: "export EXPRESSION to \"FILE.csv|.json|.md|.txt\"", summary: "write a result to a file (format by extension)", summarySV: "skriv ett resultat till en fil (formatet efter filändelsen)", journaled: true, contained: false, takesPath: true, node: ExportCommand.self)
    public var source: Pipeline
    public var path: NameRef

    /// export = "export" table_source "to" output ;   (`to` before a string is the file)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ExportCommand {
        p.advance()
        let pipe = try p.parseTablePipeline(stop: ["to"], context: "export")
        try p.expect(word: "to", "before the file to export to")
        let path = try p.parseOutputPath("a file path")
        // `export lq … to "a.csv" | top 3`: the stages belong before the file.
        if p.peek.isSymbol("|") {
            let stage = p.peek(1).kind == .identifier ? p.peek(1).text : "…"
            throw p.error(.stagesGoBeforeTo, stage)
        }
        return ExportCommand(source: pipe, path: path)
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        let t = try s.evaluate(source)
        let file = try s.outputPath(path)
        defer { if FileIO.exists(file) { s.wrote(file) } }
        if path.text.lowercased().hasSuffix(".xlsx") {
            do { try FileIO.write(file, bytes: XLSXWriter.workbook(t)) } catch { throw error.at(path.span) }
            return Outcome(messages: ["exported \(plural(t.rowCount, "row")) to \(path.text) (xlsx)"])
        }
        guard let fmt = OutputFormat.forPath(path.text) else {
            throw Diagnostic(.cannotTellFormatExtension, path.text, span: path.span,
                             help: "use one of: " + (OutputFormat.all.map { ".\($0.fileExtension)" } + [".xlsx"]).joined(separator: ", "))
        }
        var settings = s.settings
        settings.maxRows = Int.max
        settings.tableWidth = .unlimited
        settings.inertFormulas = true
        do {
            try FileIO.write(file) { (emit) throws(Diagnostic) in
                let sink = ByteSink(emit: emit)
                try fmt.write(t, settings, to: sink)
                try sink.flush()
            }
        } catch { throw error.message == Diagnostic.interrupted.message ? error : error.at(path.span) }
        return Outcome(messages: ["exported \(plural(t.rowCount, "row")) to \(path.text) (\(fmt.name))"])
    }
}
