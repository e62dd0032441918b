// HelpCommand.swift — `help [TOPIC]` and `explain VERB`: what may be written, and the method
// behind a verb.
import SpetsCore

public struct HelpCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "help", usage: "help [VERB|COMMAND|STAGE]", summary: "what you can write", summarySV: "vad du kan skriva", journaled: false, aliases: ["hjälp"], node: HelpCommand.self)
    public var topic: NameRef?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> HelpCommand {
        p.advance()
        return HelpCommand(topic: p.atStatementEnd ? nil : try p.parseName("a topic"))
    }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(text: try Help.text(topic, e.session.settings.language)) }
    public static func complete(_ c: CompletionContext) -> [String]? {
        c.tokens.count == 1 ? CommandTable.statementWords + StageTable.all.map(\.name) : nil
    }
}

public struct ExplainCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "explain", usage: "explain VERB", summary: "the method behind a verb: formula, how to read it, conventions, pitfalls, references (docs/methods.md; Swedish with set lang sv)", summarySV: "metoden bakom ett verb: formel, hur man läser den, konventioner, fallgropar, referenser (docs/metoder.md)", journaled: false, aliases: ["förklara"], node: ExplainCommand.self)
    public var topic: NameRef?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> ExplainCommand {
        p.advance()
        return ExplainCommand(topic: p.atStatementEnd ? nil : try p.parseName("a verb"))
    }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { try e.session.explain(topic) }
}
