// NotebookCommands.swift — `spets render NB.md [-o OUT]` and `spets check NB.md`: read the
// notebook, run it in a fresh session, write or compare. The work is in SpetsNotebook.
//
// A separate executable that `spets` hands these two commands to: the Markdown library
// (Ink) brings Foundation, which would add 50 MB and about a millisecond (a third) to the
// start-up of every `spets` run (docs/performance.md).
import ArgumentParser
import Glibc
import SpetsCore
import SpetsLang
import SpetsNotebook
import SpetsShell
import SpetsCommandLine

enum NotebookFiles {
    /// Runs a notebook. What its blocks write (export, save, plot, report, open) goes into
    /// a fresh scratch directory, removed afterwards — or, with `writeHere`, into the
    /// notebook's own folder — and never anywhere else: a notebook from someone else cannot
    /// overwrite your files.
    static func load(_ file: String, writeHere: Bool = false) -> (Notebook, [BlockResult]) {
        let text: String
        do { text = try FileIO.readText(file) } catch { fail(error) }
        let nb: Notebook
        do { nb = try Notebook.parse(text, file: file) } catch { fail(error.description) }
        let session: Session
        do { session = try Startup.session(workspace: nil) } catch { fail(error) }
        Interrupt.install()
        var scratch: String? = nil
        if writeHere {
            session.writeRoot = Session.realPath(directory(file)) ?? directory(file)
            session.allowOverwrite = true   // its own outputs, written again
            session.writeRootName = "folder"
        } else {
            var template = Array(((FileIO.environment("TMPDIR") ?? "/tmp") + "/spets-notebook-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { fail(Diagnostic(.cannotMakeScratchDirectory, FileIO.errorText(errno))) }
            scratch = Session.realPath(String(cString: made)) ?? String(cString: made)
            session.writeRoot = scratch
        }
        let results = NotebookRunner.run(nb, session: session)
        if let scratch { FileIO.removeTree(scratch) }
        return (nb, results)
    }

    static func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return path[..<slash].isEmpty ? "/" : String(path[..<slash])
    }

    static func fail(_ message: String) -> Never {
        StandardOutput.write(2, message + "\n")
        Glibc.exit(1)
    }
    /// Through the one renderer, as every error is.
    static func fail(_ d: Diagnostic) -> Never {
        StandardOutput.write(2, DiagnosticRenderer.render(d))
        Glibc.exit(1)
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "spets render", abstract: NotebookCommandText.render.abstract,
                                                    discussion: NotebookCommandText.render.discussion)

    @OptionGroup var args: RenderArguments
    var file: String { args.file }
    var output: String? { args.output }
    var writeHere: Bool { args.writeHere }

    func run() throws {
        let out = output ?? (file.hasSuffix(".md") ? String(file.dropLast(3)) : file) + ".html"
        let lower = out.lowercased()
        guard lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".md") else {
            NotebookFiles.fail(Diagnostic(.cannotTellPageFormatUse, out))
        }
        let (nb, results) = NotebookFiles.load(file, writeHere: writeHere)
        do {
            if lower.hasSuffix(".md") {
                let page = NotebookMarkdown.render(nb, results, pageName: NotebookFiles.baseName(out))
                let dir = NotebookFiles.directory(out)
                let folder = dir + "/" + NotebookMarkdown.figureFolder(forPage: NotebookFiles.baseName(out))
                // The chart folder is the page's own: nothing is written or deleted through a
                // symlink there.
                try FileIO.writeFigures(page.figures.map { (FileIO.displayName($0.path), $0.svg) }, into: folder)
                try FileIO.write(out, page.text)
            } else {
                try FileIO.write(out, NotebookHTML.render(nb, results))
            }
        } catch { NotebookFiles.fail(error) }
        let problems = NotebookRunner.problems(nb, results, file: file)
        for p in problems { StandardOutput.write(2, p + "\n") }
        StandardOutput.write(2, "rendered \(results.count) blocks of \(file) to \(out)\n")
        Glibc.exit(problems.isEmpty ? 0 : 1)
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "spets check", abstract: NotebookCommandText.check)

    @OptionGroup var args: CheckArguments
    var file: String { args.file }

    func run() throws {
        let (nb, results) = NotebookFiles.load(file)
        let dir = NotebookFiles.directory(file)
        let report = NotebookCheck.compare(nb, results, file: file, pageName: NotebookFiles.baseName(file)) { path in
            try? FileIO.readText(dir + "/" + path)
        }
        let problems = NotebookRunner.problems(nb, results, file: file)
        for d in report.differences { StandardOutput.write(1, d + "\n") }
        for p in problems { StandardOutput.write(2, p + "\n") }
        if report.ok && problems.isEmpty {
            StandardOutput.write(1, "\(file): \(report.checked) blocks, every output as stored\n")
            Glibc.exit(0)
        }
        StandardOutput.write(1, "\(file): \(report.differences.count) of \(report.checked) blocks differ\(problems.isEmpty ? "" : ", \(problems.count) blocks failed unexpectedly or did not fail as marked")\n")
        Glibc.exit(1)
    }
}

@main
enum NotebookMain {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        let command = args.isEmpty ? "" : args.removeFirst()
        switch command {
        case "render": RenderCommand.dispatch(args)
        case "check": CheckCommand.dispatch(args)
        default:
            StandardOutput.write(2, "usage: spets render NB.md [-o OUT.html|OUT.md]  |  spets check NB.md\n")
            Glibc.exit(2)
        }
    }
}
