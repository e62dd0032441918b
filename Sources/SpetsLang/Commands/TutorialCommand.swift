// TutorialCommand.swift — `tutorial [N]`, `next`, `back`: the guided walk through the demo
// data (Help/Tutorial.swift holds the steps and their follow-ups).
import SpetsCore

public struct TutorialCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "tutorial", usage: "tutorial [N]  |  next  |  back", summary: "a guided walk through the demo data, step by step (in Swedish with set lang sv)", summarySV: "en guidad tur genom demodata, steg för steg (på svenska med set lang sv)", journaled: false, contained: false, aliases: ["lärpass"], node: TutorialCommand.self)
    public var step: Int?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> TutorialCommand {
        p.advance()
        var n: Int? = nil
        if p.peek.kind == .number, let v = Int(p.peek.text) { p.advance(); n = v }
        return TutorialCommand(step: n)
    }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        do { return try e.session.tutorial(step: step, move: 0) } catch { throw error.at(e.span) }
    }
}

public struct NextCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "next", usage: "next", summary: "the tutorial's next step", summarySV: "lärpassets nästa steg", journaled: false, contained: false, aliases: ["nästa"], node: NextCommand.self)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> NextCommand { p.advance(); return NextCommand() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        do { return try e.session.tutorial(step: nil, move: 1) } catch { throw error.at(e.span) }
    }
}

public struct BackCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "back", usage: "back", summary: "the tutorial's previous step", summarySV: "lärpassets föregående steg", journaled: false, contained: false, aliases: ["tillbaka"], node: BackCommand.self)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> BackCommand { p.advance(); return BackCommand() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        do { return try e.session.tutorial(step: nil, move: -1) } catch { throw error.at(e.span) }
    }
}
