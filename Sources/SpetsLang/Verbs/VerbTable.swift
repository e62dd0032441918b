// VerbTable.swift — what a verb is (its clauses and their shapes) and the registry of verbs,
// in `help` order; each verb's entry and handler are in its own file (`LQVerb.swift`, …).
// The parser, `help`, completion and usage errors are all driven from this table.
import SpetsCore

public enum ClauseShape: Equatable, Sendable {
    case year                 // in 2023
    case yearRange            // 2010..2023
    case years                // 2023 or 2015..2022
    case regions              // for Kalmar, Jämtland
    case reference(allowsMean: Bool)   // vs rest | vs SE | vs GROUP, and `vs mean` where the index has one (Krugman)
    case word([String])       // by area
    case words([String])      // with slq, binary
    case pair                 // between NB and VB
    case path                 // groups "file.csv"
    case industries           // industries A, B-E, 01..03
    case measure              // per se.employment
    case fromDataset          // pci from eu
    case number
    case flag
}

public struct ClauseSpec: Sendable {
    public var keyword: String
    public var shape: ClauseShape
    public var required: Bool
    public var help: String
}

public struct VerbSpec: Sendable {
    public var name: String
    public var summary: String
    public var usage: String
    public var takesMeasure: Bool
    public var clauses: [ClauseSpec]
    /// The subject is an indicator (`a per b`, `share m of AREA`, a name) rather than D.M.
    public var takesIndicator = false
    /// The columns `compare` sets side by side (nil: every numeric column).
    public var compareColumns: [String]? = nil
    public var details: [String]
    public var run: @Sendable (Session, VerbCall) throws(Diagnostic) -> Table

    init(name: String, summary: String, usage: String, takesMeasure: Bool, clauses: [ClauseSpec], details: [String],
         takesIndicator: Bool = false, run: @escaping @Sendable (Session, VerbCall) throws(Diagnostic) -> Table) {
        self.name = name; self.summary = summary; self.usage = usage; self.takesMeasure = takesMeasure
        self.clauses = clauses; self.details = details; self.takesIndicator = takesIndicator; self.run = run
    }

    public func clause(_ k: String) -> ClauseSpec? { clauses.first { $0.keyword == k.lowercased() } }

    func comparing(_ columns: [String]) -> VerbSpec { var v = self; v.compareColumns = columns; return v }
}

public enum VerbTable {
    /// Level words for `level`: region levels and industry levels.
    public static let regionLevels: [String: Int] = ["country": 0, "nuts1": 1, "nuts2": 2, "riksomrade": 2, "riksområde": 2,
                                                    "county": 3, "nuts3": 3, "lan": 3, "län": 3, "municipality": 4, "kommun": 4]
    public static let industryLevels = ["division", "section", "a10"]
    static var levelWords: [String] { regionLevels.keys.sorted() + industryLevels }

    // Clauses shared by the cross-sectional verbs.
    static let inYear = ClauseSpec(keyword: "in", shape: .year, required: true, help: "the year")
    static let forRegions = ClauseSpec(keyword: "for", shape: .regions, required: false, help: "regions to show (default: all at the level)")
    static let byArea = ClauseSpec(keyword: "by", shape: .word(["area"]), required: false,
                                   help: "`by area`: knowledge areas as columns (each on its own members)")
    static let level = ClauseSpec(keyword: "level", shape: .words(levelWords), required: false,
                                  help: "a region level (county, nuts2, …) and/or an industry level (section, a10, division)")
    static let industries = ClauseSpec(keyword: "industries", shape: .industries, required: false,
                                       help: "an explicit, non-overlapping industry list (codes, ranges 01..03)")
    static let fromYear = ClauseSpec(keyword: "from", shape: .year, required: true, help: "the start year")
    static let toYear = ClauseSpec(keyword: "to", shape: .year, required: true, help: "the end year")
    static let perMeasure = ClauseSpec(keyword: "per", shape: .measure, required: true, help: "the employment measure (value added per …)")
    static let proxMethod = ClauseSpec(keyword: "method", shape: .word(ProximityMethod.allCases.map(\.rawValue)), required: false,
                                       help: "proximity: min (minimum conditional probability, default) or cosine")
    static let binThreshold = ClauseSpec(keyword: "threshold", shape: .number, required: false, help: "M = 1 if LQ ≥ threshold (default 1)")
    static let half = ClauseSpec(keyword: "half", shape: .flag, required: false, help: "half scale (Krugman 0–1; Gini 0–0.5)")
    static let missing = ClauseSpec(keyword: "missing", shape: .word(["skip", "zero"]), required: false,
                                    help: "missing cells: `skip` computes whole-structure indices on the observed cells (renormalised), `zero` counts them as 0; default: left out everywhere")

    public static let all: [VerbSpec] = [
        lqVerb, specialisationVerb, krugmanVerb, shiftshareVerb, growthVerb, productivityVerb, gapVerb, dynamicsVerb, projectVerb, proximityVerb, densityVerb, complexityVerb, localisationVerb, lorenzVerb, activityVerb, impactVerb, portfolioVerb,
    ]

    public static func named(_ n: String) -> VerbSpec? {
        let k = n.lowercased() == "specialization" ? "specialisation" : n.lowercased() == "localization" ? "localisation" : n.lowercased()
        return all.first { $0.name == k }
    }
}

/// The generic pipe stages.
public struct StageSpec: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
}

public enum StageTable {
    public static let all: [StageSpec] = [
        StageSpec(name: "where", usage: "| where CONDITION", summary: "keep rows where the condition holds (=, !=, <, <=, >, >=, and, or, not)"),
        StageSpec(name: "sort", usage: "| sort COLUMN [asc|desc]", summary: "order rows by a column (missing last)"),
        StageSpec(name: "top", usage: "| top N [by COLUMN]", summary: "the first N rows, or the N largest by a column"),
        StageSpec(name: "select", usage: "| select COLUMN, …", summary: "keep and order columns"),
        StageSpec(name: "summarise", usage: "| summarise count(), sum(COL), mean(COL), median(COL), min(COL), max(COL)",
                  summary: "one row of aggregates (missing values skipped)"),
    ]
    public static func named(_ n: String) -> StageSpec? {
        let k = n.lowercased() == "summarize" ? "summarise" : n.lowercased()
        return all.first { $0.name == k }
    }
}
