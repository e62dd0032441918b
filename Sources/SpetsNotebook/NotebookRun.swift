// NotebookRun.swift — runs a notebook's blocks top to bottom in one fresh session and keeps
// what each block gave: text, tables (as tables, so each page format draws its own) and
// charts.
import SpetsCore
import SpetsLang

public enum Segment {
    case text(String)
    case table(Table, RenderSettings)
    case figure(String)
}

public struct BlockResult {
    public var segments: [Segment]
    /// The block had a failing statement.
    public var failed: Bool
    /// Its error messages as printed (with the caret), for the terminal as well as the page.
    public var errors = ""
}

/// Collects one block's output in order.
final class NotebookSink: OutputSink {
    var segments: [Segment] = []
    var errors = ""
    /// The session's write root as text shows it: a random scratch path would make a page
    /// differ on every render, so it is taken out (paths read as the notebook wrote them).
    var hidden: String? = nil
    func append(_ text: String) {
        let s = hidden.map { text.replacingAll($0 + "/", with: "") } ?? text
        if case .text(let t) = segments.last { segments[segments.count - 1] = .text(t + s) } else { segments.append(.text(s)) }
    }
    func result(_ s: String) { append(s) }
    func message(_ s: String) { append(s) }
    func error(_ s: String) {
        append(s)
        errors += hidden.map { s.replacingAll($0 + "/", with: "") } ?? s
    }
    func figure(_ svg: String) { segments.append(.figure(svg)) }
    func table(_ t: Table, _ settings: RenderSettings) { segments.append(.table(t, settings)) }
}

extension String {
    func trimmingTrailingSpace() -> String {
        var s = self
        while let c = s.last, c == " " || c == "\n" { s.removeLast() }
        return s
    }
}

public enum NotebookRunner {
    /// Runs every code cell. Errors name the block and the line within it (`block 3:1:18`):
    /// the notebook's own line numbers move when outputs are written into it.
    public static func run(_ nb: Notebook, session: Session) -> [BlockResult] {
        let sink = NotebookSink()
        sink.hidden = session.writeRoot
        session.inlineFigures = true
        let runner = Runner(session: session, sink: sink)
        var results: [BlockResult] = []
        var n = 0
        for cell in nb.cells {
            guard case .code(let c) = cell else { continue }
            sink.segments = []
            sink.errors = ""
            n += 1
            let before = runner.failures
            runner.run(c.source, file: "block \(n)")
            results.append(BlockResult(segments: sink.segments, failed: runner.failures > before, errors: sink.errors))
        }
        return results
    }

    /// Problems with the run itself: a block that failed unexpectedly, or an `{error}` block
    /// that did not fail.
    public static func problems(_ nb: Notebook, _ results: [BlockResult], file: String) -> [String] {
        var out: [String] = []
        var k = 0
        for cell in nb.cells {
            guard case .code(let c) = cell else { continue }
            let r = results[k]; k += 1
            if r.failed && !c.options.contains(.error) {
                // What failed, as the shell would say it (the page shows it too).
                let said = r.errors.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
                out.append("\(file):\(c.line): error: this block failed (mark it {error} if that is what it shows)"
                           + (r.errors.isEmpty ? "" : "\n" + said.trimmingTrailingSpace()))
            } else if !r.failed && c.options.contains(.error) {
                out.append("\(file):\(c.line): error: this block is marked {error} but ran without one")
            }
        }
        return out
    }
}
