// OpenCommand.swift — `open "FILE.spetsdb"`: the session made persistent in a workspace
// file, carrying what it holds into the file and bringing back what the file held.
import SpetsCore

public struct OpenCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "open", usage: "open \"FILE.spetsdb\"", summary: "make the session persistent in a workspace file (created if new)", summarySV: "gör sessionen beständig i en arbetsytefil (skapas om den är ny)", journaled: false, transaction: false, contained: false, takesPath: true, node: OpenCommand.self)
    public var path: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> OpenCommand {
        p.advance()
        return OpenCommand(path: try p.parsePath("a workspace path"))
    }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { try e.session.open(path) }
}

extension Session {
    func open(_ given: NameRef) throws(Diagnostic) -> Outcome {
        // A workspace file is written to: inside a notebook's folder like any output (an
        // existing workspace is what `open` is for, so it is not an overwrite).
        var path = given
        if writeRoot != nil { path.replace = true; path.text = try outputPath(path) }
        let ws: Workspace
        do { ws = try Workspace(path: path.text) } catch { throw error.at(path.span) }
        let stored = try ws.loadAll()
        if let clash = stored.first(where: { datasets[$0.name] != nil }) {
            throw Diagnostic(.alreadyHoldsDatasetNamedDoes, path.text, clash.name, span: path.span,
                             help: "open the workspace in a fresh session, or rename one with  let other = \(clash.name)")
        }
        let storedDefinitions = try ws.definitions()
        // Carry this session's datasets, definitions and journal into the workspace, then
        // adopt it and bring in what it held.
        try ws.atomically { () throws(Diagnostic) in
            for name in datasetOrder { try ws.save(datasets[name]!) }
            try workspace.copyDefinitionsAndJournal(to: ws) { d in d.superseded ? nil : bindings[d.name] }
        }
        // The workspace left behind closes now (its log checkpointed and removed, its lock
        // freed), not when spets exits; whatever of it is still deferred is read first.
        let left = workspace
        left.settleAll()
        workspace = ws
        left.closeFile()
        for c in stored { add(c) }
        replay(storedDefinitions)
        return Outcome(messages: ["workspace \(path.text): \(datasetOrder.count) datasets" + (stored.isEmpty ? "" : " (\(stored.count) restored)")])
    }
}
