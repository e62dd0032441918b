// VerbTable.swift — the analysis verbs: name, clauses, help and handler, declared once.
// The parser, `help`, completion and usage errors are all driven from this table.
import SpetsCore

public enum ClauseShape: Equatable, Sendable {
    case year                 // in 2023
    case yearRange            // from 2010 to 2023 uses two year clauses
    case regions              // for Kalmar, Jämtland
    case reference            // vs rest | vs SE
    case word([String])       // method classic|esteban
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
    public var details: [String]
    public var run: @Sendable (Session, VerbCall) throws(Diagnostic) -> Table

    public func clause(_ k: String) -> ClauseSpec? { clauses.first { $0.keyword == k.lowercased() } }
}

public enum VerbTable {
    public static let all: [VerbSpec] = [
        VerbSpec(name: "lq", summary: "location quotients: each industry's share in a region over its share in the reference",
                 usage: "lq DATASET.MEASURE in YEAR [for REGION, …] [vs rest | vs REGION]",
                 takesMeasure: true,
                 clauses: [
                    ClauseSpec(keyword: "in", shape: .year, required: true, help: "the year"),
                    ClauseSpec(keyword: "for", shape: .regions, required: false, help: "regions to show (default: all)"),
                    ClauseSpec(keyword: "vs", shape: .reference, required: false,
                               help: "reference: default the sum of loaded regions at the region's level; `rest` excludes the region; or a region's own row"),
                 ],
                 details: ["LQ = (x[r,i] / x[r,·]) / (N[i] / N); LQ > 1 means the industry is more concentrated in the region than in the reference.",
                           "Columns: region, industry, year, <measure>, lq. Missing cells stay missing (–) and are left out of totals."],
                 run: { s, call throws(Diagnostic) in try Verbs.lq(s, call) }),
    ]

    public static func named(_ n: String) -> VerbSpec? { all.first { $0.name == n.lowercased() } }
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
