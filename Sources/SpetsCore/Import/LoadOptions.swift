// LoadOptions.swift — what a `load` statement's clauses tell the loaders (column roles,
// text and ignored columns, skipped rows, missing markers, units, prices).

public struct LoadOptions: Sendable {
    /// Explicit column choices from `with region = COL, industry = COL, year = COL, measure = NAME`.
    public var mapping: [String: String] = [:]
    /// `text COL, …`: codes, never numbers. `ignore COL, …`: not read. `measure COL, …`: only
    /// these are measures. `skip N`: rows above the header. `missing "Inf", …`: more missing
    /// markers (as written). `unit COL = "persons"`.
    public var textColumns: [String] = []
    public var ignoreColumns: [String] = []
    public var measureColumns: [String]? = nil
    public var skipRows: Int? = nil
    public var missingMarkers: [String] = []
    public var units: [(column: String, unit: String)] = []
    /// `level COL`: a column naming each row's level (never the regions; a dimension).
    public var levelColumn: String? = nil
    /// Price basis per measure (`with value_added prices constant 2019`).
    public var prices: [String: String] = [:]
    public init(mapping: [String: String] = [:], prices: [String: String] = [:]) { self.mapping = mapping; self.prices = prices }
    public static let mappingKeys = ["region", "industry", "year", "measure"]
    /// `wide industries [into NAME]`: one column per industry (mapping keys `wide`, `into`).
    public var wideIndustries: Bool { mapping["wide"] == "industries" }
    /// `wide regions [into NAME]`: one column per region.
    public var wideRegions: Bool { mapping["wide"] == "regions" }
}
