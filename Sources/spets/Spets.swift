// Spets.swift — the command line: `spets [WORKSPACE] [-c STMTS]`, `spets run FILE`. Thin:
// options in, Runner out; everything testable lives in the libraries.
import ArgumentParser
import Glibc
import SpetsCore
import SpetsLang
import SpetsShell
import SpetsCommandLine

/// How results are written, however the command line was read.
struct OutputChoice {
    var format = "table"
    var bail = false
    var echo = false
    var ascii = false
    var lang: String? = nil

    /// What is wrong with the choice, in ArgumentParser's usage-error wording; nil when valid.
    var problem: String? {
        if OutputFormat.named(format) == nil {
            return "unknown format '\(format)'; use one of: " + OutputFormat.all.map(\.name).joined(separator: ", ")
        }
        if let lang, Language(rawValue: lang.lowercased()) == nil { return "unknown language '\(lang)'; use en or sv" }
        return nil
    }

    func makeRunner(workspace: String?) -> Runner {
        // Before the workspace opens: its first writes already meet SIGXFSZ or Ctrl-C.
        Interrupt.install()
        let session: Session
        do { session = try Startup.session(workspace: workspace) } catch {
            StandardOutput.write(2, DiagnosticRenderer.render(error, language: lang.flatMap { Language(rawValue: $0.lowercased()) } ?? .en))
            Glibc.exit(1)
        }
        session.settings.format = OutputFormat.named(format)!
        if ascii { session.settings.ascii = true }
        if let lang { session.settings.setLanguage(Language(rawValue: lang.lowercased())!) }
        for w in session.restoreWarnings {
            StandardOutput.write(2, DiagnosticRenderer.render(Diagnostic(message: w, severity: .warning), language: session.settings.language))
        }
        let progress = isatty(2) != 0
        if progress { Progress.display = TerminalProgress() }
        return Runner(session: session, sink: StandardOutput(), options: RunOptions(bail: bail, echo: echo, progress: progress))
    }
}

/// The shell's own options (also in the shell completions' model).
struct RootOptions: ParsableArguments {
    @Option(name: .customShort("c"), help: "Run these statements (separated by ';' or newlines) and exit.")
    var command: String?

    @Option(name: .customLong("init"), help: "Run this script first, then continue (e.g. load the demo data).", completion: .file(extensions: ["spets"]))
    var initScript: String?

    @Flag(name: .long, help: "Load the bundled demo data first (datasets/demo-counties.csv as `se`, demo-firms.csv as `firms`).")
    var demo = false

    @Flag(name: .long, help: "Print the version and the commit it was built from.")
    var version = false
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Result format: table, csv, json, markdown or html.", completion: .list(OutputFormat.all.map(\.name)))
    var format: String = "table"

    @Flag(name: .long, help: "Stop at the first statement that fails.")
    var bail = false

    @Flag(name: .long, help: "Print each statement before its output.")
    var echo = false

    @Flag(name: .long, help: "Draw `chart` with ASCII characters (the default when the locale is not UTF-8).")
    var ascii = false

    @Option(name: .long, help: "Language of words and numbers: en or sv (also $SPETS_LANG).", completion: .list(Language.allCases.map(\.rawValue)))
    var lang: String?

    var choice: OutputChoice { OutputChoice(format: format, bail: bail, echo: echo, ascii: ascii, lang: lang) }

    func validateFormat() throws {
        if let p = choice.problem { throw ValidationError(p) }
    }
}

/// What `spets` and `spets run` do once their arguments are read (by ArgumentParser or by
/// `QuickArguments`).
enum Launch {
    static func shell(workspace: String?, command: String?, initScript: String?, demo: Bool, output: OutputChoice) -> Never {
        let runner = output.makeRunner(workspace: workspace)
        endsWhenAReadFails(runner)
        if demo {
            guard let dir = Startup.datasetsDirectory() else {
                StandardOutput.write(2, DiagnosticRenderer.render(Diagnostic(.bundledDatasetsWereFoundSet), language: runner.session.settings.language))
                Glibc.exit(1)
            }
            runner.run("load \"\(dir)/demo-counties.csv\" as se\nload \"\(dir)/demo-firms.csv\" as firms", file: nil)
        }
        if let initScript {
            do { runner.run(try FileIO.readText(initScript), file: initScript) } catch {
                StandardOutput.write(2, DiagnosticRenderer.render(error, language: runner.session.settings.language))
                Glibc.exit(1)
            }
        }
        if let command {
            runner.run(command, file: nil)
        } else if Shell.stdinIsTerminal {
            Shell.interactive(runner)
            runner.session.workspace.closeFile()
            Glibc.exit(0)   // an interactive session ends well when the user leaves
        } else {
            Shell.piped(runner)
        }
        runner.session.workspace.closeFile()
        Glibc.exit(runner.interrupted || Interrupt.requested ? 130 : runner.failures > 0 ? 1 : 0)
    }

    static func script(file: String, workspace: String?, output: OutputChoice) -> Never {
        let runner = output.makeRunner(workspace: workspace)
        endsWhenAReadFails(runner)
        let text: String
        do { text = try FileIO.readText(file) } catch {
            StandardOutput.write(2, DiagnosticRenderer.render(error, language: runner.session.settings.language))
            Glibc.exit(1)
        }
        Interrupt.install()
        runner.run(text, file: file)
        runner.session.workspace.closeFile()
        Glibc.exit(runner.interrupted || Interrupt.requested ? 130 : runner.failures > 0 ? 1 : 0)
    }

    /// A reopened workspace's values that cannot be read back end the session, the reason
    /// rendered like any error, in the session's language (`DeferredRead.failed`).
    static func endsWhenAReadFails(_ runner: Runner) {
        DeferredRead.failed = { d in
            StandardOutput.write(2, DiagnosticRenderer.render(Diagnostic(.readEndsSession, d), language: runner.session.settings.language))
            Glibc.exit(74)   // EX_IOERR
        }
    }
}

@main
struct Spets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spets",
        abstract: "An interactive analysis shell for smart specialisation (S3): location quotients, shift-share, productivity, projections.",
        discussion: """
            With no arguments spets starts the interactive shell (statements from stdin when it is not a terminal).
            Subcommands: `spets run FILE.spets [--format F] [--bail] [--echo]` runs a script (see `spets run --help`); \
            `spets render NB.md [-o OUT.html|OUT.md]` runs a notebook and writes it with its outputs; \
            `spets check NB.md` re-runs a rendered notebook and compares its outputs.
            """)

    @Argument(help: "A workspace file (.spetsdb) to open or create; without one the session is in memory.")
    var workspace: String?

    @OptionGroup var root: RootOptions

    @OptionGroup var output: OutputOptions

    func validate() throws { try output.validateFormat() }

    func run() throws {
        if root.version {
            StandardOutput.write(1, Version.describe() + "\n")
            Glibc.exit(0)
        }
        Launch.shell(workspace: workspace, command: root.command, initScript: root.initScript, demo: root.demo, output: output.choice)
    }

    /// Usage errors exit with 2 (ArgumentParser's default is 64).
    /// `run` is dispatched by hand: ArgumentParser cannot mix a root positional (the
    /// workspace) with subcommands.
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "run" {
            let rest = Array(args.dropFirst())
            if let q = QuickArguments(rest, values: ["--workspace"], flags: []), q.positional.count == 1 {
                Launch.script(file: q.positional[0], workspace: q.value("--workspace"), output: q.output)
            }
            RunCommand.dispatch(rest)
        }
        if args.first == "render" || args.first == "check" { Helper.exec("spets-notebook", args) }
        // Shell completions describe every subcommand, also those dispatched by hand.
        if args.first == "--generate-completion-script" { CompletionModel.main(args) }
        if args.first == "manual" {
            StandardOutput.write(1, Manual.page(version: Version.number))
            Glibc.exit(0)
        }
        if let q = QuickArguments(args, values: ["-c", "--init"], flags: ["--demo"]), q.positional.count <= 1 {
            Launch.shell(workspace: q.positional.first, command: q.value("-c"), initScript: q.value("--init"),
                         demo: q.flags.contains("--demo"), output: q.output)
        }
        dispatch(args)
    }
}

/// Commands that live in a sibling executable (kept out of this binary for its start-up).
enum Helper {
    static func exec(_ name: String, _ args: [String]) -> Never {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        var dir = "."
        if n > 0 {
            let exe = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let slash = exe.lastIndex(of: "/") { dir = String(exe[..<slash]) }
        }
        let path = dir + "/" + name
        var cargs: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        execv(path, &cargs)
        StandardOutput.write(2, DiagnosticRenderer.render(Diagnostic(.installedBesideSpetsBuild, name, path, name)))
        Glibc.exit(1)
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a .spets script; exit 1 if any statement failed.")

    @Argument(help: "The script to run.", completion: .file(extensions: ["spets"]))
    var file: String

    @Option(name: .long, help: "A workspace file to run against (default: a fresh in-memory session).", completion: .file(extensions: ["spetsdb"]))
    var workspace: String?

    @OptionGroup var output: OutputOptions

    func validate() throws { try output.validateFormat() }

    func run() throws {
        Launch.script(file: file, workspace: workspace, output: output.choice)
    }
}
