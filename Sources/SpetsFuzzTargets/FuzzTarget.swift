// FuzzTarget.swift — what each fuzzer feeds its input to, and what must hold afterwards. A
// broken promise traps, so libFuzzer (or the replaying test) reports it as a crash with the
// input that caused it. Used by the `spets-fuzz` executable and by the regression test that
// replays the kept inputs in fuzz/.
import Glibc
import SpetsCore
import SpetsLang
import SpetsNotebook
import SpetsShell

public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Lexer and parser, and the caret rendering of every diagnostic they give.
    case statement
    /// Statements that only read (verbs, pipes, definitions, settings) evaluated in a fresh
    /// session holding a small dataset; statements that touch files or the network are skipped.
    case session
    case csv, tsv, px, jsonstat, xlsx
    /// The notebook splitter (fences, block options, stored outputs).
    case notebook

    public var summary: String {
        switch self {
        case .statement: return "lexer + parser + error rendering"
        case .session: return "read-only statements evaluated on a small dataset"
        case .csv: return "CSV/TSV loader (layout detection, numbers, SDMX-CSV)"
        case .tsv: return "Eurostat bulk TSV loader"
        case .px: return "PC-Axis loader"
        case .jsonstat: return "JSON-stat loader"
        case .xlsx: return "Excel workbook loader (ZIP, shared strings, sheet XML)"
        case .notebook: return "notebook splitter"
        }
    }

    /// Runs one input; returns normally when every promise held.
    public func run(_ data: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .statement: Self.statement(String(decoding: data, as: UTF8.self))
        case .session: Self.session(String(decoding: data, as: UTF8.self))
        case .csv, .tsv, .px, .jsonstat, .xlsx: Self.file(data, ext: rawValue == "jsonstat" ? "json" : rawValue)
        case .notebook: _ = try? Notebook.parse(String(decoding: data, as: UTF8.self), file: "fuzz.md")
        }
    }

    static func check(_ ok: Bool, _ what: @autoclosure () -> String) {
        if !ok { fatalError("fuzz: " + what()) }
    }

    static func statement(_ source: String) {
        let r = Parser.parse(source)
        let length = source.utf8.count
        for d in r.diagnostics {
            check(!d.message.isEmpty, "a diagnostic without a message")
            if let s = d.span { check(s.lowerBound >= 0 && s.upperBound <= length + 1, "span \(s) outside a \(length)-byte source") }
            for l in [Language.en, .sv] {
                let text = DiagnosticRenderer.render(d, source: source, file: nil, language: l)
                check(text.hasPrefix("error: ") || text.hasPrefix("fel: "), "a rendered diagnostic that is not an error: \(text.prefix(80))")
            }
        }
    }

    /// A small dataset with two years, so every verb has something to work on.
    static let worked = """
    region,industry,year,employment,value_added
    SE213,01,2021,100,8.5
    SE213,10,2021,50,6.25
    SE213,62,2021,25,4
    SE311,01,2021,40,3
    SE311,10,2021,70,9
    SE311,62,2021,10,1.5
    SE110,01,2021,5,0.5
    SE110,10,2021,90,12
    SE110,62,2021,400,61
    SE213,01,2022,110,9
    SE213,10,2022,45,6
    SE213,62,2022,30,5
    SE311,01,2022,38,3.1
    SE311,10,2022,75,9.5
    SE311,62,2022,12,1.9
    SE110,01,2022,6,0.6
    SE110,10,2022,88,12.5
    SE110,62,2022,430,70

    """

    nonisolated(unsafe) static var workedPath: String?

    static func session(_ source: String) {
        let parsed = Parser.parse(source)
        guard !parsed.statements.isEmpty, parsed.statements.allSatisfy({ readOnly($0) }) else { return }
        if workedPath == nil {
            let p = scratch("worked.csv")
            try! FileIO.write(p, worked)
            workedPath = p
        }
        guard let s = try? Startup.session(workspace: nil) else { fatalError("fuzz: no session") }
        let out = CapturedOutput()
        let runner = Runner(session: s, sink: out)
        runner.run("load \"\(workedPath!)\" as d", file: nil)
        check(out.errors.isEmpty, "the worked dataset did not load: \(out.errors)")
        runner.run(source, file: nil)
    }

    /// Statements that neither write files nor reach the network nor start programs (their
    /// commands' registrations say).
    static func readOnly(_ st: Statement) -> Bool { st.contained }

    /// Loads the bytes as a file of the given kind: it loads whole (a consistent dataset) or
    /// is refused with a message; nothing else.
    static func file(_ data: UnsafeBufferPointer<UInt8>, ext: String) {
        let path = scratch("input." + ext)
        try! FileIO.write(path, bytes: Array(data))
        defer { unlink(path) }
        let first: Result<Cube, Diagnostic>
        do {
            let c = try DataFormat.load(path: path, name: "f")
            check(c.isConsistent, "an inconsistent dataset was returned")
            first = .success(c)
        } catch {
            check(!error.message.isEmpty, "a refusal without a message")
            first = .failure(error)
        }
        // CSV: the plain row path and the general one must agree, dataset or error.
        guard ext == "csv" || ext == "tsv" else { return }
        CSVLoader.plainRows = false
        defer { CSVLoader.plainRows = true }
        let second: Result<Cube, Diagnostic>
        do { second = .success(try DataFormat.load(path: path, name: "f")) } catch { second = .failure(error) }
        switch (first, second) {
        case (.success(let a), .success(let b)):
            check(a.region.labels == b.region.labels && a.industry?.labels == b.industry?.labels
                  && a.extras.map(\.labels) == b.extras.map(\.labels), "plain and general paths gave other labels")
            check(a.regionCodes == b.regionCodes && a.industryCodes == b.industryCodes && a.years == b.years
                  && a.extraCodes == b.extraCodes, "plain and general paths gave other codes")
            check(a.measures.map { $0.values.map(\.bitPattern) } == b.measures.map { $0.values.map(\.bitPattern) },
                  "plain and general paths gave other values")
            check(a.notes == b.notes, "plain and general paths gave other notes")
        case (.failure(let a), .failure(let b)):
            check(a.message == b.message && a.location == b.location, "plain and general paths gave other errors: \(a.message) / \(b.message)")
        default:
            check(false, "one path loaded what the other refused")
        }
    }

    /// A per-process file in memory-backed /dev/shm where there is one (a write per input).
    static func scratch(_ name: String) -> String {
        let dir = FileIO.exists("/dev/shm") && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (FileIO.environment("TMPDIR") ?? "/tmp")
        return "\(dir)/spets-fuzz-\(getpid())-\(name)"
    }
}
