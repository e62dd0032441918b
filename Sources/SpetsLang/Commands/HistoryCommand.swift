// HistoryCommand.swift — `history [N]` and `edit [N]`: the statements typed at the prompt,
// listed, run again or edited first (the interactive shell provides them).
import SpetsCore

/// What `history` and `edit` share: the entries before this one, and running one as if typed.
protocol HistoryEntryCommand: CommandNode {
    var entry: Int? { get }
}

extension HistoryEntryCommand {
    func pastEntries(_ e: Evaluation) throws(Diagnostic) -> [String] {
        guard let entries = e.session.historyEntries?() else {
            throw Diagnostic(.workInteractiveShell, span: e.span)
        }
        // The entry typed just now (`history 3` itself) is not one to list or run.
        return entries.last == e.text.trimmed() ? Array(entries.dropLast()) : entries
    }

    func pick(_ past: [String], _ e: Evaluation) throws(Diagnostic) -> String {
        guard !past.isEmpty else { throw Diagnostic(.historyEmpty, span: e.span) }
        let k = (entry ?? past.count) - 1
        guard k >= 0 && k < past.count else {
            throw Diagnostic(.noHistoryEntryThere, k + 1, past.count, span: e.span)
        }
        return past[k]
    }

    /// Runs the statement as if typed: journaled, errors pointing into it.
    func runAgain(_ statement: String, _ e: Evaluation) throws(Diagnostic) -> Outcome {
        let runner = try e.requireRunner(Self.spec.name)
        runner.sink.result(statement.trimmed() + "\n")
        e.session.historyAppend?(statement.trimmed())
        runner.run(statement, file: nil)
        return Outcome()
    }
}

public struct HistoryCommand: HistoryEntryCommand, Equatable {
    public static let spec = CommandSpec(name: "history", usage: "history  |  history N", summary: "the statements typed before, numbered; `history N` runs number N again", summarySV: "de satser du skrivit tidigare, numrerade; `history N` kör nummer N igen", journaled: false, transaction: false, runsStatements: true, contained: false, node: HistoryCommand.self)
    public var entry: Int?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> HistoryCommand {
        p.advance()
        return HistoryCommand(entry: try p.parseEntryNumber())
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let past = try pastEntries(e)
        guard entry != nil else {
            return Outcome(table: Table(columns: [Column("n", .number(past.indices.map { Double($0 + 1) }), decimals: 0, kind: .key),
                                                  Column("statement", .text(past))]))
        }
        return try runAgain(try pick(past, e), e)
    }
}

public struct EditCommand: HistoryEntryCommand, Equatable {
    public static let spec = CommandSpec(name: "edit", usage: "edit  |  edit N", summary: "open the last statement (or number N) in $VISUAL or $EDITOR and run what is saved", summarySV: "öppna den senaste satsen (eller nummer N) i $VISUAL eller $EDITOR och kör det som sparas", journaled: false, transaction: false, runsStatements: true, contained: false, node: EditCommand.self)
    public var entry: Int?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> EditCommand {
        p.advance()
        return EditCommand(entry: try p.parseEntryNumber())
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let statement = try pick(try pastEntries(e), e)
        guard let edited = e.session.editText?(statement) else {
            throw Diagnostic(.editorDidSaveStatement, span: e.span,
                             help: "set $VISUAL or $EDITOR to your editor (e.g. export EDITOR=nano)")
        }
        return try runAgain(edited, e)
    }
}
