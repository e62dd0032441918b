// CommandTable.swift — the registry of commands: every statement that is not an analysis
// (load, describe, set, …), in the order `help` lists them. The parser dispatches on it, the
// runner reads how to treat each, and help, completion, the manual and the statement table
// in docs/language.md are generated from it (a test keeps the docs in step). Swift has no
// load-time registration, so a new command is one line here (a test fails when a type under
// Commands/ is missing).
import SpetsCore

public enum CommandTable {
    /// `let`: a binding is a statement kind of its own, read by the parser itself.
    static let bind = CommandSpec(name: "let", usage: "let NAME = EXPRESSION", summary: "bind a result (or a filtered dataset) to a name", summarySV: "ge ett resultat (eller en filtrerad datamängd) ett namn", journaled: true)

    public static let all: [CommandSpec] = [
        LoadCommand.spec, FetchCommand.spec, DescribeCommand.spec, DatasetsCommand.spec, YearsCommand.spec,
        AreaCommand.spec, AreasCommand.spec, IndicatorCommand.spec, ScenarioCommand.spec, GoalCommand.spec, GoalsCommand.spec,
        ReportCommand.spec, GroupCommand.spec, GroupsCommand.spec, CompareCommand.spec, RankCommand.spec, SimilarCommand.spec,
        ConvergenceCommand.spec, OpportunitiesCommand.spec, LinkCommand.spec, StrengthsCommand.spec,
        bind, ExportCommand.spec, PlotCommand.spec, ChartCommand.spec, SetCommand.spec, SQLCommand.spec,
        RunCommand.spec, SaveCommand.spec, OpenCommand.spec, HelpCommand.spec, HistoryCommand.spec, EditCommand.spec,
        TutorialCommand.spec, NextCommand.spec, BackCommand.spec, ExplainCommand.spec,
    ]

    static let byName: [String: CommandSpec] = Dictionary(all.flatMap { c in ([c.name] + c.aliases).map { ($0, c) } }, uniquingKeysWith: { a, _ in a })

    public static func named(_ n: String) -> CommandSpec? { byName[n.lowercased()] }

    /// Every word that starts a statement (for suggestions and completion).
    public static var statementWords: [String] { all.map(\.name) + VerbTable.all.map(\.name) }
    /// The Swedish words for commands (`hjälp`): words of the language too, not offered by
    /// completion.
    public static var aliases: [String] { all.flatMap(\.aliases) }
}

extension CommandTable {
    /// The command index of docs/language.md (a test keeps the file equal to it).
    public static func markdownIndex() -> String {
        func cell(_ s: String) -> String { s.replacingAll("|", with: "\\|") }
        var s = "| command | usage | what | journaled | gives a table |\n|---|---|---|---|---|\n"
        for c in all {
            s += "| `\(c.name)` | `\(cell(c.usage))` | \(cell(c.summary)) | \(c.journaled ? "yes" : "no") | \(c.yieldsTable ? "yes" : "no") |\n"
        }
        return s
    }
}
