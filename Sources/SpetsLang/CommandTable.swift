// CommandTable.swift — the statements that are not analyses (load, describe, set, …):
// name, usage and help in one table that drives the parser's dispatch, `help` and completion.

import SpetsCore

public struct CommandSpec: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    /// Whether a successful run is worth replaying in a saved script (`Runner.journaled`).
    public var journaled: Bool
    public var details: [String] = []
}

public enum CommandTable {
    public static let all: [CommandSpec] = [
        CommandSpec(name: "load", usage: "load \"FILE\" as NAME [sheet N] [language sv] [with region = COL, industry = COL, year = COL, measure = NAME] [text COL, …] [ignore COL, …] [measure COL, …] [level COL] [skip N] [missing \"X\", …] [unit COL = \"U\"] [wide industries|regions [into NAME]]  |  load regions \"FILE.csv\"",
                    summary: "read a dataset, all or nothing; formats: " + DataFormat.allCases.map(\.name).joined(separator: "; "), journaled: true),
        CommandSpec(name: "fetch", usage: "fetch eurostat|scb TABLE [where KEY = V, … and KEY = V, …] [refresh] as NAME",
                    summary: "download a table from Eurostat or SCB (JSON-stat), cached in the workspace so scripts replay offline", journaled: true),
        CommandSpec(name: "describe", usage: "describe NAME", summary: "dimensions, years, measures, units, missing cells, unknown codes", journaled: true),
        CommandSpec(name: "datasets", usage: "datasets", summary: "list the loaded datasets", journaled: true),
        CommandSpec(name: "area", usage: "area NAME = industries CODE|A..B|SECTION|AREA, … [except …]  |  area NAME = preset NAME",
                    summary: "define a knowledge area (a named set of industries)", journaled: true),
        CommandSpec(name: "areas", usage: "areas", summary: "list the defined areas and the presets", journaled: true),
        CommandSpec(name: "indicator", usage: "indicator NAME = D.M | D.M per D.M | share D.M of AREA | D.M of AREA",
                    summary: "name an indicator (one number per region and year)", journaled: true),
        CommandSpec(name: "scenario", usage: "scenario NAME: growth INDUSTRIES|AREA +3%/yr [from YEAR] [, growth …]",
                    summary: "growth overrides to compare with a projection's base", journaled: true),
        CommandSpec(name: "goal", usage: "goal NAME: INDICATOR for R >= VALUE by YEAR  (or <=; VALUE may be 25%)",
                    summary: "a target for an indicator", journaled: true),
        CommandSpec(name: "goals", usage: "goals", summary: "each goal: latest value, target, required and trend growth, projected value, status", journaled: true),
        CommandSpec(name: "report", usage: "report \"FILE.md|.html\" [for R] [dated]", summary: "a follow-up report (goals, indicators, specialisation, shift-share)", journaled: true),
        CommandSpec(name: "group", usage: "group NAME = regions R, R, …", summary: "a named group of regions (a reference with `vs NAME`, an aggregate in `compare`)", journaled: true),
        CommandSpec(name: "groups", usage: "groups", summary: "the defined and shipped region groups", journaled: true),
        CommandSpec(name: "compare", usage: "compare R1, R2, … on VERB …", summary: "run an analysis for several regions (or groups) side by side", journaled: true),
        CommandSpec(name: "rank", usage: "rank VERB … for R [by COLUMN]  |  rank INDICATOR in YEAR for R", summary: "where a region stands among the regions of its level", journaled: true),
        CommandSpec(name: "similar", usage: "similar R on D.M in YEAR [top N] [by krugman|cosine|correlation] [outside CODE]", summary: "the regions with the most similar industry structure", journaled: true),
        CommandSpec(name: "convergence", usage: "convergence INDICATOR from Y0 to Y1 [for GROUP] [beta] [balanced | all]", summary: "σ-convergence per year (and β-convergence) across regions", journaled: true),
        CommandSpec(name: "opportunities", usage: "opportunities R on D.M in YEAR [convention atlas|ecomplexity|economic-complexity] [threshold T]",
                    summary: "a region's non-specialised activities by relatedness and complexity (the S3 diversification view)", journaled: true),
        CommandSpec(name: "link", usage: "link fields to areas \"FILE.csv\"  |  link fields to areas preset NAME",
                    summary: "research fields → knowledge areas (columns area, title, fields), for `activity … by area` and `strengths`", journaled: true),
        CommandSpec(name: "strengths", usage: "strengths R on D.M in YEAR and P.M in Y0..Y1 for ORG",
                    summary: "per knowledge area: the region's LQ beside the organisation's activity index (industrial and research strengths)", journaled: true),
        CommandSpec(name: "let", usage: "let NAME = EXPRESSION", summary: "bind a result (or a filtered dataset) to a name", journaled: true),
        CommandSpec(name: "export", usage: "export EXPRESSION to \"FILE.csv|.json|.md|.txt\"", summary: "write a result to a file (format by extension)", journaled: true),
        CommandSpec(name: "plot", usage: "plot EXPRESSION as " + ChartKind.all.map(\.name).joined(separator: "|") + " [" + PlotOptions.all.map { $0.keyword + ($0.shape == .flag ? "" : " …") }.joined(separator: "] [") + "] [to \"FILE.svg\"]",
                    summary: "draw a result as an SVG chart (in a notebook without `to`, into the page)", journaled: true,
                    details: ChartKind.all.map { "\($0.name.padded(to: 9, right: false)) \($0.summary); reads \($0.reads)" }
                        + [""] + PlotOptions.all.map { "\($0.keyword.padded(to: 9, right: false)) \($0.help)" }),
        CommandSpec(name: "chart", usage: "chart EXPRESSION", summary: "draw a result in the terminal: bars (one value per row) or sparklines (values over years)", journaled: true,
                    details: ["The value is the last numeric column; choose another with `| select KEY, COLUMN`. ASCII under LANG=C or --ascii."]),
        CommandSpec(name: "set", usage: "set format table|csv|json|markdown  |  set decimals N  |  set rows N  |  set locale en|sv  |  set lang en|sv  |  set pager auto|on|off",
                    summary: "change how results are shown", journaled: true),
        CommandSpec(name: "sql", usage: "sql \"SELECT …\"", summary: "read-only SQL on the workspace (tables: datasets, definitions, journal, observations)", journaled: true),
        CommandSpec(name: "run", usage: "run \"FILE.spets\"", summary: "run a script (its statements are journaled one by one)", journaled: false),
        CommandSpec(name: "save", usage: "save \"FILE.spets\"", summary: "write the session's successful statements as a replayable script", journaled: false),
        CommandSpec(name: "open", usage: "open \"FILE.spetsdb\"", summary: "make the session persistent in a workspace file (created if new)", journaled: false),
        CommandSpec(name: "help", usage: "help [VERB|COMMAND|STAGE]", summary: "what you can write", journaled: false),
        CommandSpec(name: "history", usage: "history  |  history N", summary: "the statements typed before, numbered; `history N` runs number N again", journaled: false),
        CommandSpec(name: "edit", usage: "edit  |  edit N", summary: "open the last statement (or number N) in $VISUAL or $EDITOR and run what is saved", journaled: false),
        CommandSpec(name: "tutorial", usage: "tutorial [N]  |  next  |  back", summary: "a guided walk through the demo data, step by step (in Swedish with set lang sv)", journaled: false),
        CommandSpec(name: "next", usage: "next", summary: "the tutorial's next step", journaled: false),
        CommandSpec(name: "back", usage: "back", summary: "the tutorial's previous step", journaled: false),
        CommandSpec(name: "explain", usage: "explain VERB", summary: "the method behind a verb: formula, how to read it, conventions, pitfalls, references (docs/methods.md; Swedish with set lang sv)", journaled: false),
    ]

    public static func named(_ n: String) -> CommandSpec? { all.first { $0.name == n.lowercased() } }

    /// Every word that starts a statement (for suggestions and completion).
    public static var statementWords: [String] { all.map(\.name) + VerbTable.all.map(\.name) }

    public static let settings: [(name: String, values: [String])] = [
        ("format", ["table", "csv", "json", "markdown"]), ("decimals", []), ("rows", []), ("locale", ["en", "sv"]), ("lang", ["en", "sv"]), ("pager", ["auto", "on", "off"]),
    ]
}
