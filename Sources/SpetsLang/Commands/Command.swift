// Command.swift — what a command is: its registration (name, usage, summary, how the runner
// treats it) and its parsed form, which parses itself and runs itself. A command is one type
// in one file under Commands/, listed once in `CommandTable`; the parser, the evaluator, the
// runner, help, completion and the manual read it from there.
import SpetsCore

public struct CommandSpec: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    /// The same in Swedish (`help` under `set lang sv`): a command says what it does in both
    /// languages where it is registered.
    public var summarySV: String
    /// Whether a successful run is worth replaying in a saved script.
    public var journaled: Bool
    /// Its result is a table: it may be followed by `| stage`, drawn by `plot` and `chart`.
    public var yieldsTable = false
    /// Runs as one transaction with its journal entry. Not so for the commands that run
    /// statements of their own (each of those is its own transaction), for `save` (it only
    /// reads) and for `open` (it changes which workspace transactions go to).
    public var transaction = true
    /// Runs other statements, which report for themselves (`run`, `history N`, `edit`).
    public var runsStatements = false
    /// Neither writes files nor reaches the network nor starts programs (what a fuzzer may
    /// run freely).
    public var contained = true
    /// Its argument is a file path (completion inside quotes offers files).
    public var takesPath = false
    public var details: [String] = []
    /// Other words for it, in Swedish (`hjälp` for `help`): accepted as the name is.
    public var aliases: [String] = []
    /// The parsed form; nil for `let`, which the parser reads itself (a binding is a
    /// statement kind of its own).
    public var node: (any CommandNode.Type)? = nil
}

/// A parsed command. `parse` starts at the command's word; `run` gives what came of it and
/// never prints.
public protocol CommandNode: Sendable {
    static var spec: CommandSpec { get }
    static func parse(_ p: inout Parser) throws(Diagnostic) -> Self
    func run(_ e: Evaluation) throws(Diagnostic) -> Outcome
    /// A definition stored in a workspace, brought back when it reopens: false when the
    /// command is not a definition.
    func restore(_ e: Evaluation) throws(Diagnostic) -> Bool
    /// Candidates for completion after the command's words so far (nil: the general rules).
    static func complete(_ c: CompletionContext) -> [String]?
    /// Whether running it stays inside the process (a `chart` asks its source).
    var contained: Bool { get }
    func isEqual(_ other: any CommandNode) -> Bool
}

extension CommandNode {
    public func restore(_ e: Evaluation) throws(Diagnostic) -> Bool { false }
    public static func complete(_ c: CompletionContext) -> [String]? { nil }
    public var contained: Bool { Self.spec.contained }
    public var spec: CommandSpec { Self.spec }
}

extension CommandNode where Self: Equatable {
    public func isEqual(_ other: any CommandNode) -> Bool { (other as? Self) == self }
}

/// `indicator`, `scenario`, `goal`: a definition checked when it is made, kept as written
/// (persisted with its statement) and defined again, unpersisted, when a workspace reopens.
public protocol DefinitionCommand: CommandNode {
    /// Checks and defines it; the line that says what was defined.
    func define(_ e: Evaluation, persist: Bool) throws(Diagnostic) -> String
}

extension DefinitionCommand {
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(messages: [try define(e, persist: true)]) }
    public func restore(_ e: Evaluation) throws(Diagnostic) -> Bool { _ = try define(e, persist: false); return true }
}

/// A command as written, with the pipe stages after it (`compare … | where …`).
public struct CommandCall: Equatable, Sendable {
    public var node: any CommandNode
    public var stages: [Stage]
    public static func == (a: CommandCall, b: CommandCall) -> Bool { a.node.isEqual(b.node) && a.stages == b.stages }
}

/// What a statement runs with: the session, the statement itself (its span and its text, as
/// a definition stores it) and the loop running it.
public struct Evaluation {
    public let session: Session
    public let statement: Statement
    /// The statement loop (`run`, `history`, `edit` and `save` need it); nil when a
    /// statement is evaluated inside another or restored from a workspace.
    let runner: Runner?
    public var text: String { statement.text }
    public var span: Range<Int> { statement.span }

    func requireRunner(_ what: String) throws(Diagnostic) -> Runner {
        guard let runner else { throw Diagnostic(.cannotRunInsideAnotherStatement, what, span: span) }
        return runner
    }
}

/// The statement so far, for completion: its tokens before the word being typed.
public struct CompletionContext {
    public let tokens: [Token]
    public let session: Session
    public var last: Token { tokens[tokens.count - 1] }
}

extension Statement {
    /// Whether running it stays inside the process: no file written, no network, no program.
    public var contained: Bool {
        switch kind {
        case .pipeline(let p), .bind(_, let p):
            if case .command(let c) = p.source { return c.node.contained }
            return true
        case .command(let c): return c.node.contained
        }
    }
    /// The registration of the command it runs (nil for a pipeline or a binding).
    public var command: CommandSpec? { if case .command(let c) = kind { return c.node.spec }; return nil }
}
