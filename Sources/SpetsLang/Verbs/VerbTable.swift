// VerbTable.swift — the analysis verbs: name, clauses, help and handler, declared once.
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
        VerbSpec(name: "lq", summary: "location quotients: each industry's share in a region over its share in the reference",
                 usage: "lq D.M in YEAR [for R, …] [vs rest | vs R] [with slq, binary] [threshold T] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [
                    inYear, forRegions,
                    ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false,
                               help: "reference: default the sum of loaded regions at the region's level; `rest` excludes the region; or a region's own row"),
                    ClauseSpec(keyword: "with", shape: .words(["slq", "binary"]), required: false, help: "extra columns: slq (symmetric LQ), binary (m = 1 if LQ ≥ threshold)"),
                    ClauseSpec(keyword: "threshold", shape: .number, required: false, help: "threshold for `binary` (default 1)"),
                    byArea, level, industries, missing,
                 ],
                 details: ["LQ = (x[r,i] / x[r,·]) / (N[i] / N); LQ > 1 means the industry is more concentrated in the region than in the reference.",
                           "Columns: region, industry, year, <measure>, lq [, m] [, slq]. Missing cells stay missing (–) and are left out of totals."],
                 run: { s, call throws(Diagnostic) in try Verbs.lq(s, call) }).comparing(["lq"]),
        VerbSpec(name: "specialisation", summary: "one row per region: Krugman, Hachman, Herfindahl, entropy, related and unrelated variety",
                 usage: "specialisation D.M in YEAR [for R, …] [vs rest | vs mean | vs R] [half] [nats] [groups \"FILE.csv\"] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [
                    inYear, forRegions,
                    ClauseSpec(keyword: "vs", shape: .reference(allowsMean: true), required: false,
                               help: "reference for Krugman and Hachman: default level sum; `rest`; `mean` (unweighted mean of the other regions' shares); a region"),
                    half,
                    ClauseSpec(keyword: "nats", shape: .flag, required: false, help: "entropy and variety in nats (default bits)"),
                    ClauseSpec(keyword: "groups", shape: .path, required: false, help: "CSV of industry,group for related/unrelated variety (default: registry parents)"),
                    byArea, level, industries, missing,
                 ],
                 details: ["Columns: region, krugman, hachman, herfindahl, herfindahl_norm, entropy, related_variety, unrelated_variety.",
                           "entropy = related_variety + unrelated_variety exactly."],
                 run: { s, call throws(Diagnostic) in try Verbs.specialisation(s, call) }),
        VerbSpec(name: "krugman", summary: "Krugman's dissimilarity: between two regions, or each region against the reference",
                 usage: "krugman D.M in YEAR [between R1 and R2] [for R, …] [vs rest | vs mean | vs R] [half] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [
                    inYear,
                    ClauseSpec(keyword: "between", shape: .pair, required: false, help: "two regions compared with each other"),
                    forRegions,
                    ClauseSpec(keyword: "vs", shape: .reference(allowsMean: true), required: false, help: "reference when not `between`"),
                    half, byArea, level, industries, missing,
                 ],
                 details: ["K = Σ_i |s_a,i − s_b,i| (0–2); `half` gives 0–1."],
                 run: { s, call throws(Diagnostic) in try Verbs.krugman(s, call) }),
        VerbSpec(name: "shiftshare", summary: "change split into national share, industry mix and regional shift",
                 usage: "shiftshare D.M from Y0 to Y1 [for R, …] [method classic|esteban|dynamic|gerfin] [vs rest | vs R] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [fromYear, toYear, forRegions,
                           ClauseSpec(keyword: "method", shape: .word(ShiftShareMethod.allCases.map(\.rawValue)), required: false,
                                      help: "classic (default), esteban (Esteban-Marquillas), dynamic (year by year), gerfin (multiplicative)"),
                           ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: level sum (default), rest, or a region"),
                           byArea, level, industries, missing],
                 details: ["Columns: [region,] industry, base, end, national_share, industry_mix, regional_shift, change (+ homothetic, competitive, allocation; + structural_factor, regional_factor); a TOTAL row per region.",
                           "Without `for`: every region, one block of rows each (a `region` column), each block closed by its TOTAL row."],
                 run: { s, call throws(Diagnostic) in try Verbs.shiftshare(s, call) }),
        VerbSpec(name: "growth", summary: "value-added growth = employment growth + productivity growth (logs)",
                 usage: "growth D.VA per D.EMP from Y0 to Y1 [for R, …] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [perMeasure, fromYear, toYear, forRegions, byArea, level, industries, missing],
                 details: ["Columns: [region,] industry, dln_va, dln_emp, dln_productivity, emp_share, productivity_share; a TOTAL row per region."],
                 run: { s, call throws(Diagnostic) in try Verbs.growth(s, call) }),
        VerbSpec(name: "productivity", summary: "productivity change: within industries, structural shift, entry/exit",
                 usage: "productivity D.VA per D.EMP from Y0 to Y1 [for R, …] [method three-term|two-term|lmdi] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [perMeasure, fromYear, toYear, forRegions,
                           ClauseSpec(keyword: "method", shape: .word(ProductivityMethod.allCases.map(\.rawValue)), required: false,
                                      help: "three-term (Fagerberg, default), two-term (McMillan-Rodrik), lmdi (LMDI-I)"),
                           byArea, level, industries, missing],
                 details: ["Columns: [region,] industry, within, static_shift, dynamic_shift, entry_exit, p0, p1 (two-term: within, structural, entry_exit; lmdi: within, structural, within_log, structural_log)."],
                 run: { s, call throws(Diagnostic) in try Verbs.productivity(s, call) }),
        VerbSpec(name: "gap", summary: "a region's productivity level against the reference: industry mix, within-industry, allocative",
                 usage: "gap D.VA per D.EMP in YEAR [for R, …] [vs rest | vs R] [method three-term|two-term] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [perMeasure, inYear, forRegions,
                           ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: level sum (default), rest, or a region"),
                           ClauseSpec(keyword: "method", shape: .word(GapMethod.allCases.map(\.rawValue)), required: false,
                                      help: "three-term (default) or two-term (regional weights in the differential)"),
                           byArea, level, industries, missing],
                 details: ["Columns: [region,] industry, industry_mix, within_differential, allocative, p_region, p_reference."],
                 run: { s, call throws(Diagnostic) in try Verbs.gap(s, call) }),
        VerbSpec(name: "dynamics", summary: "firm-level productivity change: survivors, entrants, exiters (Melitz-Polanec, FHK)",
                 usage: "dynamics F.PRODUCTIVITY weight F.EMPLOYMENT from Y0 to Y1 [method mp|fhk]",
                 takesMeasure: true,
                 clauses: [ClauseSpec(keyword: "weight", shape: .measure, required: true, help: "the weight (e.g. employment)"),
                           fromYear, toYear,
                           ClauseSpec(keyword: "method", shape: .word(DynamicsMethod.allCases.map(\.rawValue)), required: false,
                                      help: "mp (Melitz-Polanec, default) or fhk (Foster-Haltiwanger-Krizan)")],
                 details: ["Columns: component, value. Needs a firm (or plant, id) dimension."],
                 run: { s, call throws(Diagnostic) in try Verbs.dynamics(s, call) }),
        VerbSpec(name: "project", summary: "an indicator toward a target year: CAGR, trend, log-trend or shift-share, with scenarios",
                 usage: "project INDICATOR for R to YEAR [from Y0..Y1] [method cagr|trend|logtrend|shiftshare] [scenario S, …] [factor F]",
                 takesMeasure: false,
                 clauses: [ClauseSpec(keyword: "for", shape: .regions, required: true, help: "the region"),
                           ClauseSpec(keyword: "to", shape: .year, required: true, help: "the target year"),
                           ClauseSpec(keyword: "from", shape: .yearRange, required: false, help: "the base window Y0..Y1 (default: the last 10 observed years)"),
                           ClauseSpec(keyword: "method", shape: .word(ProjectionMethod.allCases.map(\.rawValue)), required: false,
                                      help: "cagr (default), trend, logtrend (both with a 95 % band), shiftshare"),
                           ClauseSpec(keyword: "scenario", shape: .regions, required: false, help: "scenarios to show beside the base"),
                           ClauseSpec(keyword: "factor", shape: .number, required: false, help: "shift-share: the regional factor (default: the window's Gerfin factor; 1 = constant shares)")],
                 details: ["INDICATOR: D.M | D.M per D.M | share D.M of AREA | D.M of AREA | a named indicator.",
                           "Columns: [scenario,] region, year, value, lower, upper, kind (observed|projected)."],
                 takesIndicator: true,
                 run: { s, call throws(Diagnostic) in try Verbs.project(s, call) }),
        VerbSpec(name: "proximity", summary: "how often two activities are specialisations of the same regions",
                 usage: "proximity D.M in YEAR [method min|cosine] [threshold T] [level …]",
                 takesMeasure: true,
                 clauses: [inYear, proxMethod, binThreshold, level],
                 details: ["φ_ij = C_ij / max(u_i, u_j) (min) or C_ij / √(u_i u_j) (cosine), C the co-occurrence of specialisations (LQ ≥ threshold).",
                           "Columns: industry, related, proximity (every ordered pair of different activities)."],
                 run: { s, call throws(Diagnostic) in try Verbs.proximity(s, call) }),
        VerbSpec(name: "density", summary: "relatedness density: how much of what is related to an activity a region already does",
                 usage: "density D.M in YEAR [for R, …] [convention standard|atlas|econgeo] [method min|cosine] [threshold T] [level …]",
                 takesMeasure: true,
                 clauses: [inYear, forRegions,
                           ClauseSpec(keyword: "convention", shape: .word(DensityConvention.allCases.map(\.rawValue)), required: false,
                                      help: "standard (φ_jj = 0, default), atlas (φ_jj = 1, py-ecomplexity), econgeo (EconGeo's prob relatedness, × 100)"),
                           proxMethod, binThreshold, level],
                 details: ["ω[r,j] = Σ_i M[r,i] φ_ij / Σ_i φ_ij; distance = 1 − ω. Columns: region, industry, density, m."],
                 run: { s, call throws(Diagnostic) in try Verbs.density(s, call) }),
        VerbSpec(name: "complexity", summary: "economic complexity: ECI of regions (or PCI of activities)",
                 usage: "complexity D.M in YEAR [regions | industries] [convention standard|atlas|reflections|economic-complexity|econgeo] [sample] [threshold T] [level …]",
                 takesMeasure: true,
                 clauses: [inYear,
                           ClauseSpec(keyword: "regions", shape: .flag, required: false, help: "the ECI table (default)"),
                           ClauseSpec(keyword: "industries", shape: .flag, required: false, help: "the PCI table"),
                           ClauseSpec(keyword: "convention", shape: .word(ComplexityConvention.allCases.map(\.rawValue)), required: false,
                                      help: "standard (eigenvector, default), atlas (Growth Lab), reflections, economic-complexity, econgeo"),
                           ClauseSpec(keyword: "sample", shape: .flag, required: false, help: "z-scores with the sample SD"),
                           ClauseSpec(keyword: "pci", shape: .fromDataset, required: false,
                                      help: "`pci from NAME`: each region's ECI as the mean PCI (computed on dataset NAME) of its specialisations"),
                           binThreshold, level],
                 details: ["Columns: region, eci, diversity — or industry, pci, ubiquity."],
                 run: { s, call throws(Diagnostic) in try Verbs.complexity(s, call) }),
        VerbSpec(name: "localisation", summary: "one row per industry: Hoover's localisation coefficient and the locational Gini",
                 usage: "localisation D.M in YEAR [half] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [inYear, half, byArea, level, industries, missing],
                 details: ["Columns: industry, hoover, gini. Regions: one level (the `level` given, else the level with most regions)."],
                 run: { s, call throws(Diagnostic) in try Verbs.localisation(s, call) }),
        VerbSpec(name: "lorenz", summary: "one industry's Lorenz curve: regions by LQ, cumulative shares (the curve behind the locational Gini)",
                 usage: "lorenz D.M in YEAR industry CODE [level …]",
                 takesMeasure: true,
                 clauses: [inYear, ClauseSpec(keyword: "industry", shape: .industries, required: true, help: "the industry (one code)"), level],
                 details: ["Columns: region, <measure>, lq, cum_total, cum_industry (regions by LQ ascending). `plot … as lorenz` draws it."],
                 run: { s, call throws(Diagnostic) in try Verbs.lorenz(s, call) }),
        VerbSpec(name: "activity", summary: "research: the activity index, an LQ of publications by field against the reference",
                 usage: "activity D.M in Y0..Y1 [for ORG, …] [vs rest | vs ORG] [level major] [by area]",
                 takesMeasure: true,
                 clauses: [ClauseSpec(keyword: "in", shape: .years, required: true, help: "the window of publication years, summed (Y0..Y1, or one year)"),
                           ClauseSpec(keyword: "for", shape: .regions, required: false, help: "organisations to show (default: all)"),
                           ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: all organisations loaded (default), `vs rest`, or one organisation (e.g. a country total)"),
                           ClauseSpec(keyword: "level", shape: .words(["major"]), required: false, help: "`level major`: fields summed to their research area (1–6)"),
                           ClauseSpec(keyword: "by", shape: .word(["area"]), required: false, help: "`by area`: the knowledge areas of `link fields to areas`")],
                 details: ["AI = (P[o,f] / P[o,·]) / (P[ref,f] / P[ref,·]). Columns: organisation, field (or area), <measure>, share, reference_share, activity."],
                 run: { s, call throws(Diagnostic) in try Verbs.activity(s, call) }),
        VerbSpec(name: "impact", summary: "research: field-normalised citation impact (MNCS) and the share in the top 10 % most cited",
                 usage: "impact D.CITATIONS in Y0..Y1 [for ORG] [vs rest | vs ORG] [weight D.M | full]",
                 takesMeasure: true,
                 clauses: [ClauseSpec(keyword: "in", shape: .years, required: true, help: "the publication years (Y0..Y1, or one year)"),
                           ClauseSpec(keyword: "for", shape: .regions, required: false, help: "organisations (one: a row per field and TOTAL; default: one row per organisation)"),
                           ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference: all organisations loaded (default), `vs rest`, or one organisation"),
                           ClauseSpec(keyword: "weight", shape: .measure, required: false, help: "fractional counting by this measure (default: the `weight` measure when the data have one)"),
                           ClauseSpec(keyword: "full", shape: .flag, required: false, help: "full counting: every publication record counts 1")],
                 details: ["Publication records: one row per publication (and organisation). Columns: organisation, [field,] publications, citations, mcs, mncs, top10, pp_top10."],
                 run: { s, call throws(Diagnostic) in try Verbs.impact(s, call) }),
        VerbSpec(name: "portfolio", summary: "per industry: LQ, its change, regional and national growth, size (the bubble chart's data)",
                 usage: "portfolio D.M from Y0 to Y1 for R [vs rest | vs R] [by area] [level …] [industries …] [missing skip|zero]",
                 takesMeasure: true,
                 clauses: [
                    fromYear, toYear,
                    ClauseSpec(keyword: "for", shape: .regions, required: true, help: "the region"),
                    ClauseSpec(keyword: "vs", shape: .reference(allowsMean: false), required: false, help: "reference (default: level sum)"),
                    byArea, level, industries, missing,
                 ],
                 details: ["Columns: region, industry, <measure>, lq, lq_change, growth, national_growth."],
                 run: { s, call throws(Diagnostic) in try Verbs.portfolio(s, call) }),
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
