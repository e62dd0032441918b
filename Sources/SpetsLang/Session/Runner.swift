// Runner.swift — the one statement loop shared by scripts, `-c`, piped stdin and the REPL:
// parse → evaluate → render → write. The commands that need the loop itself (`run`,
// `history N`, `edit`) reach it through their evaluation.
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
                    sink.error(DiagnosticRenderer.render(Diagnostic(.moreErrorsInputShown, more, help: "is it a spets script? (a binary or non-text file gives an error for every odd character)"),
                                                         source: "", file: file, language: session.settings.language))
                    if options.bail { stopped = true }
                }
                continue
            }
            let st = st!
            if options.echo { sink.result(st.text + "\n") }
            if options.interactive { Interrupt.clear() }
            if options.progress && nesting == 0 { Progress.begin(String(st.text.prefix { !$0.isWhitespace })) }
            defer { if options.progress && nesting == 0 { Progress.end() } }
            do {
                try execute(st)
            } catch {
                fail(error, source: source, file: file)
                if error == .interrupted && !options.interactive { stopped = true; interrupted = true }
            }
        }
    }

    func fail(_ d: Diagnostic, source: String, file: String?) {
        if options.progress { Progress.end() }   // the line goes before the message is written
        failures += 1
        sink.error(DiagnosticRenderer.render(session.suggest(d), source: source, file: file, language: session.settings.language))
        if options.bail { stopped = true }
    }

    /// One statement, as its registration says: most run as one transaction with their
    /// journal entry, committed before anything is printed, so that what is printed as done
    /// is durable and a failure (the commit's too) leaves the workspace and the session as
    /// they were.
    func execute(_ st: Statement) throws(Diagnostic) {
        let spec = st.command
        guard spec?.transaction ?? true else {
            emit(try session.execute(st, runner: self))
            // (A statement that runs others has them followed up one by one.)
            if !(spec?.runsStatements ?? false), nesting == 0, let f = session.tutorialFollowUp(st.text) { sink.result(f) }
            return
        }
        let outcome = try session.atomically { () throws(Diagnostic) -> Outcome in
            let o = try session.execute(st, runner: self)
            if spec?.journaled ?? true { try session.workspace.appendJournal(st.text) }
            // Ctrl-C during a script's statement rolls it back even if it ran to its end.
            if !options.interactive { try Diagnostic.checkInterrupt() }
            return o
        }
        emit(outcome)
        if nesting == 0, let f = session.tutorialFollowUp(st.text) { sink.result(f) }
    }

    func runScript(_ path: NameRef) throws(Diagnostic) {
        let text: String
        do { text = try FileIO.readText(path.text) } catch { throw error.at(path.span) }
        if session.runStack.contains(path.text) {
            throw Diagnostic(.alreadyRunningScriptCannotRun, path.text, span: path.span)
        }
        session.runStack.append(path.text)
        nesting += 1
        let before = failures
        run(text, file: path.text)
        nesting -= 1
        session.runStack.removeLast()
        if failures > before {
            failures = before   // the script's own errors were reported; count the `run` once
            throw Diagnostic(.hadErrors, path.text, span: path.span)
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
