// Pager.swift — results taller than the terminal open in $PAGER (default `less -SRX`) at the
// interactive prompt: the shell collects what one input line prints and decides when it is
// done. Never for scripts, pipes or `-c` (only the REPL installs this sink).
import Glibc
import CTerminal
import SpetsCore
import SpetsLang

final class PagingOutput: OutputSink {
    let inner: OutputSink
    private var buffer = ""

    init(_ inner: OutputSink) { self.inner = inner }

    func result(_ s: String) { buffer += s }
    // Errors and messages for stderr are not paged, and come at once.
    func message(_ s: String) { inner.message(s) }
    func error(_ s: String) { flushPlain(); inner.error(s) }
    func figure(_ svg: String) { inner.figure(svg) }

    private func flushPlain() {
        if !buffer.isEmpty { inner.result(buffer); buffer = "" }
    }

    /// After a statement line: the collected output, through the pager when it is taller
    /// than the terminal (`auto`), always (`on`), or never (`off`).
    func finish(_ mode: RenderSettings.Pager) {
        defer { buffer = "" }
        guard !buffer.isEmpty else { return }
        let rows = Int(spets_terminal_rows(STDOUT_FILENO))
        let lines = buffer.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        let page = mode == .on || (mode == .auto && rows > 0 && lines >= rows - 1)
        guard page, isatty(STDOUT_FILENO) != 0 else { inner.result(buffer); return }
        let command = FileIO.environment("PAGER").flatMap { $0.isEmpty ? nil : $0 } ?? "less -SRX"
        guard let pipe = popen(command, "w") else { inner.result(buffer); return }
        fputs(buffer, pipe)
        pclose(pipe)
    }
}
