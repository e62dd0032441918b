// Scope.swift — what an analysis covers: which regions it shows, against which reference,
// over which industries, at which region level, and the rule for missing cells. One value,
// built once by the language layer from a statement's `for`, `vs`, `industries`/`by`/`level`
// and `missing` clauses, and read by every request (CellFrame turns it into the cells used).
public struct Scope {
    /// The regions to show (nil: all at the analysed level).
    public var regions: [Int32]? = nil
    public var reference: Reference = .levelSum
    public var industries: IndustryChoice = .finest
    /// A region level to restrict to (nil: the level of the regions shown).
    public var regionLevel: Int? = nil
    /// The `missing` clause (methods.md "Which cells are used").
    public var missing: MissingRule = .out
    public init(regions: [Int32]? = nil, reference: Reference = .levelSum, industries: IndustryChoice = .finest,
                regionLevel: Int? = nil, missing: MissingRule = .out) {
        self.regions = regions; self.reference = reference; self.industries = industries
        self.regionLevel = regionLevel; self.missing = missing
    }
}

/// A request that carries a scope; its parts read as the request's own.
public protocol Scoped {
    var scope: Scope { get set }
}

extension Scoped {
    public var regions: [Int32]? { get { scope.regions } set { scope.regions = newValue } }
    public var reference: Reference { get { scope.reference } set { scope.reference = newValue } }
    public var industries: IndustryChoice { get { scope.industries } set { scope.industries = newValue } }
    public var regionLevel: Int? { get { scope.regionLevel } set { scope.regionLevel = newValue } }
    public var missing: MissingRule { get { scope.missing } set { scope.missing = newValue } }
}
