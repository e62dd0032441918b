// Runner.swift — the one statement loop shared by scripts, `-c`, piped stdin and the REPL:
// parse → evaluate → render → write. Also runs `run` and `save`, which need the loop itself.
import SpetsCore

public struct RunOptions: Sendable {
    public var bail = false
    public var echo = false
    /// At a terminal Ctrl-C stops one statement; in a script or pipe it stops the run.
    public var interactive = false
    /// A progress line on stderr for statements that take long (only when it is a terminal).
    public var progress = false
    public init(bail: Bool = false, echo: Bool = false, interactive: Bool = false, progress: Bool = false) {
        self.bail = bail; self.echo = echo; self.interactive = interactive; self.progress = progress
    }
}

public final class Runner {
    public let session: Session
    /// Where output goes (the interactive shell puts a pager in front of it).
    public var sink: OutputSink
    public var options: RunOptions
    /// Statements that failed so far (parse or run).
    public private(set) var failures = 0
    /// Set when `--bail` or Ctrl-C stopped the run.
    public private(set) var stopped = false
    /// Set when Ctrl-C stopped a script or a pipe (the process then exits with 130).
    public private(set) var interrupted = false
    var nesting = 0
    /// Parse errors of one input shown before the rest are counted.
    static let maxErrorsShown = 20

    public init(session: Session, sink: OutputSink, options: RunOptions = RunOptions()) {
        self.session = session; self.sink = sink; self.options = options
    }

    /// Runs every statement of `source`; `file` names it in diagnostics (nil for typed input).
    public func run(_ source: String, file: String?) {
        let parsed = Parser.parse(source)
        // Statements and parse errors in source order, so output interleaves as written.
        var items: [(Int, Statement?, Diagnostic?)] = parsed.statements.map { ($0.span.lowerBound, $0, nil) }
        items += parsed.diagnostics.map { ($0.span?.lowerBound ?? 0, nil, $0) }
        items.sort { $0.0 < $1.0 }
        let bytes = Array(source.utf8)
        var shownErrors = 0
        for (_, st, diag) in items {
            if stopped { return }
            // In a script or a pipe, Ctrl-C stops the run, wherever it fell: during a
            // statement that did not notice it, or between two.
            if !options.interactive && Interrupt.requested {
                fail(.interrupted, source: source, file: file)
                stopped = true; interrupted = true
                return
            }
            if let diag {
                // Garbage (a binary file, a megabyte of NUL) is a few errors and a count, not
                // one message per byte.
                shownErrors += 1
                if shownErrors <= Self.maxErrorsShown { fail(diag, source: source, file: file) }
                else if shownErrors == Self.maxErrorsShown + 1 {
                    failures += 1
                    let more = parsed.diagnostics.count - Self.maxErrorsShown
                    sink.error(DiagnosticRenderer.render(Diagnostic(message: "\(more) more errors in this input are not shown", help: "is it a spets script? (a binary or non-text file gives an error for every odd character)"),
                                                         source: "", file: file, language: session.settings.language))
                    if options.bail { stopped = true }
                }
                continue
            }
            let st = st!
            let text = String(decoding: bytes[st.span], as: UTF8.self)
            if options.echo { sink.result(text + "\n") }
            if options.interactive { Interrupt.clear() }
            session.currentText = text
            if options.progress && nesting == 0 { Progress.begin(String(text.prefix { !$0.isWhitespace })) }
            defer { if options.progress && nesting == 0 { Progress.end() } }
            do {
                try execute(st, text: text)
            } catch {
                fail(error, source: source, file: file)
                if error == .interrupted && !options.interactive { stopped = true; interrupted = true }
            }
            session.currentText = nil
        }
    }

    func fail(_ d: Diagnostic, source: String, file: String?) {
        if options.progress { Progress.end() }   // the line goes before the message is written
        failures += 1
        sink.error(DiagnosticRenderer.render(d, source: source, file: file, language: session.settings.language))
        if options.bail { stopped = true }
    }

    func execute(_ st: Statement, text: String) throws(Diagnostic) {
        switch st.kind {
        case .run(let path):
            // Not journaled itself: each statement of the script is, as it commits, so the
            // journal (and `save`) holds what a script that failed halfway did.
            try runScript(path)
            return
        case .history(let n), .edit(let n):
            guard let entries = session.historyEntries?() else {
                throw Diagnostic(message: "`history` and `edit` work in the interactive shell", span: st.span)
            }
            // The entry typed just now (`history 3` itself) is not one to list or run.
            let past = entries.last == text.trimmed() ? Array(entries.dropLast()) : entries
            if case .history(nil) = st.kind {
                let t = Table(columns: [Column("n", .number(past.indices.map { Double($0 + 1) }), decimals: 0, kind: .key),
                                        Column("statement", .text(past))])
                emit(Outcome(table: t))
                return
            }
            guard !past.isEmpty else { throw Diagnostic(message: "the history is empty", span: st.span) }
            let k = (n ?? past.count) - 1
            guard k >= 0 && k < past.count else {
                throw Diagnostic(message: "no history entry \(k + 1): there are \(past.count)", span: st.span)
            }
            var statement = past[k]
            if case .edit = st.kind {
                guard let edited = session.editText?(statement) else {
                    throw Diagnostic(message: "the editor did not save a statement", span: st.span,
                                     help: "set $VISUAL or $EDITOR to your editor (e.g. export EDITOR=nano)")
                }
                statement = edited
            }
            sink.result(statement.trimmed() + "\n")
            session.historyAppend?(statement.trimmed())
            run(statement, file: nil)   // as if typed: journaled, errors point into it
            return
        case .save(let path):
            let lines = try session.workspace.journal()
            let script = "# spets script written by `save`: replays this session\n" + lines.map { $0 + "\n" }.joined()
            let file = try session.outputPath(path)
            do { try FileIO.write(file, script) } catch { throw error.at(path.span) }
            session.wrote(file)
            emit(Outcome(messages: ["saved \(lines.count) statements to \(path.text)"]))
            if nesting == 0, let f = session.tutorialFollowUp(text) { sink.result(f) }
            return
        case .open:
            // Not one transaction: it changes which workspace transactions go to.
            emit(try session.execute(st))
            return
        default:
            // The statement's effects and its journal entry commit together, before anything
            // is printed: what is printed as done is durable, and a failure (the commit's
            // too) leaves the workspace and the session as they were.
            let outcome = try session.atomically { () throws(Diagnostic) -> Outcome in
                let o = try session.execute(st)
                if journaled(text) { try session.workspace.appendJournal(text) }
                // Ctrl-C during a script's statement rolls it back even if it ran to its end.
                if !options.interactive { try Diagnostic.checkInterrupt() }
                return o
            }
            emit(outcome)
            if nesting == 0, let f = session.tutorialFollowUp(text) { sink.result(f) }
        }
    }

    /// Whether a successful statement goes into the journal (what `save` writes and a
    /// replay runs): its command's registration says; verbs and pipelines always do.
    func journaled(_ text: String) -> Bool {
        CommandTable.named(String(text.prefix { $0.isLetter }))?.journaled ?? true
    }

    func runScript(_ path: NameRef) throws(Diagnostic) {
        let text: String
        do { text = try FileIO.readText(path.text) } catch { throw error.at(path.span) }
        if session.runStack.contains(path.text) {
            throw Diagnostic(message: "\(path.text) is already running (a script cannot run itself)", span: path.span)
        }
        session.runStack.append(path.text)
        nesting += 1
        let before = failures
        run(text, file: path.text)
        nesting -= 1
        session.runStack.removeLast()
        if failures > before {
            failures = before   // the script's own errors were reported; count the `run` once
            throw Diagnostic(message: "\(path.text) had errors", span: path.span)
        }
    }

    func emit(_ o: Outcome) {
        if options.progress { Progress.end() }
        let dataOnStdout = session.settings.format != .table
        for m in o.messages.map({ Text.printable(Catalogue.text($0, session.settings.language), keepLines: true) }) {
            if dataOnStdout { sink.message(m + "\n") } else { sink.result(m + "\n") }
        }
        if let t = o.text { sink.result(t) }
        if let f = o.figure { sink.figure(f) }
        if let t = o.table { sink.table(t, session.settings) }
    }
}
