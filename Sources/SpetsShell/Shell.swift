// Shell.swift — how statements reach the runner: the interactive REPL (libedit) or plain
// lines from a pipe. Both use the same completeness rule (the lexer's) and the same Runner.
import Glibc
import SpetsCore
import SpetsLang
import CTerminal

public enum Shell {
    public static let prompt = "spets> "
    public static let continuation = "   ...> "

    /// The REPL. Returns when the user presses Ctrl-D.
    public static func interactive(_ runner: Runner) {
        guard spets_edit_load() != 0 else {
            // No libedit on this machine (it is loaded only now, for the REPL): lines are read
            // as from a pipe, without editing, history or completion.
            StandardOutput.write(2, runner.session.settings.language == .sv
                ? "varning: libedit är inte installerat (apt install libedit2); rader läses utan redigering\n"
                : "warning: libedit is not installed (apt install libedit2); reading lines without editing\n")
            piped(runner)
            return
        }
        runner.options.interactive = true
        let editor = LineEditor(historyPath: historyPath())
        Bridge.completer = Completer(session: runner.session)
        runner.session.historyEntries = { editor.entries }
        runner.session.historyAppend = { editor.remember($0) }
        runner.session.editText = { LineEditor.edit($0) }
        runner.session.confirmOverwrite = { question in
            guard let answer = editor.readLine(prompt: question) else { return false }
            return ["y", "yes", "j", "ja"].contains(answer.trimmed().lowercased())
        }
        let pager = PagingOutput(runner.sink)
        runner.sink = pager
        Interrupt.install()
        StandardOutput.write(1, runner.session.settings.language == .sv
            ? "spets — skal för smart specialisering. `hjälp` listar vad du kan skriva; Ctrl-D avslutar.\n"
            : "spets — smart specialisation shell. `help` lists what you can write; Ctrl-D leaves.\n")
        var buffer = ""
        while true {
            guard let line = editor.readLine(prompt: buffer.isEmpty ? prompt : continuation) else {
                if !buffer.trimmed().isEmpty { StandardOutput.write(2, "incomplete statement discarded\n") }
                StandardOutput.write(1, "\n")
                return
            }
            if Bridge.lineInterrupted {
                Bridge.lineInterrupted = false
                buffer = ""
                continue
            }
            buffer += line
            if buffer.trimmed().isEmpty { buffer = ""; continue }
            if Lexer.lex(buffer).incomplete { continue }
            editor.remember(buffer)
            // Charts fit the terminal as it is now (it may have been resized).
            let cols = Int(spets_terminal_columns(STDOUT_FILENO))
            if cols > 0 { runner.session.settings.width = cols }
            runner.session.settings.terminalColumns = cols > 0 && isatty(STDOUT_FILENO) != 0 ? cols : nil
            runner.run(buffer, file: nil)
            pager.finish(runner.session.settings.pager)
            buffer = ""
        }
    }

    /// Statements from a pipe: no prompt, no editor; a line starting with `|` continues the
    /// statement before it, as in scripts.
    public static func piped(_ runner: Runner) {
        Interrupt.install()
        var pending = ""
        while let line = Swift.readLine(strippingNewline: false) {
            if Interrupt.requested { break }   // Ctrl-C while waiting for a line: the run stops
            let starts = line.trimmed()
            if !pending.isEmpty && !Lexer.lex(pending).incomplete && !starts.hasPrefix("|") {
                runner.run(pending, file: nil)
                pending = ""
                if runner.stopped { return }
            }
            if starts.isEmpty && pending.isEmpty { continue }
            pending += line
        }
        if !pending.trimmed().isEmpty { runner.run(pending, file: nil) }
    }

    static func historyPath() -> String {
        if let p = FileIO.environment("SPETS_HISTORY") { return p }
        return (FileIO.environment("HOME") ?? ".") + "/.spets_history"
    }

    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
}
