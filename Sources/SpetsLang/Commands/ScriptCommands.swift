// ScriptCommands.swift — `run "FILE.spets"` and `save "FILE.spets"`: scripts in and out.
// Both need the statement loop: `run` feeds it a file (each statement is journaled as it
// commits, so the journal holds what a script that failed halfway did); `save` writes the
// journal as a script.
import SpetsCore

public struct RunCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "run", usage: "run \"FILE.spets\"", summary: "run a script (its statements are journaled one by one)", summarySV: "kör ett skript (dess satser journalförs en och en)", journaled: false, transaction: false, runsStatements: true, contained: false, takesPath: true, node: RunCommand.self)
    public var path: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> RunCommand {
        p.advance()
        return RunCommand(path: try p.parsePath("a script path"))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        try e.requireRunner("run").runScript(path)
        return Outcome()
    }
}

public struct SaveCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "save", usage: "save \"FILE.spets\"", summary: "write the session's successful statements as a replayable script", summarySV: "spara sessionens lyckade satser som ett skript som kan köras igen", journaled: false, transaction: false, contained: false, takesPath: true, node: SaveCommand.self)
    public var path: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> SaveCommand {
        p.advance()
        return SaveCommand(path: try p.parseOutputPath("a script path"))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        let lines = try s.workspace.journal()
        let script = "# spets script written by `save`: replays this session\n" + lines.map { $0 + "\n" }.joined()
        let file = try s.outputPath(path)
        do { try FileIO.write(file, script) } catch { throw error.at(path.span) }
        s.wrote(file)
        return Outcome(messages: ["saved \(lines.count) statements to \(path.text)"])
    }
}
