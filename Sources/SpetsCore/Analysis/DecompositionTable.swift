// DecompositionTable.swift — what every decomposition shares: which regions to run for, the
// reference's wording, and tables of one block per region, each closed by a TOTAL row.

enum DecompositionRegions {
    /// The `for` list, or every region taking part (each then in its own block).
    static func pick(_ pd: PeriodData, _ cube: Cube, _ wanted: [Int32]?, _ ref: Reference, first: Int) throws(Diagnostic) -> [Int] {
        if case .region(let q) = ref, !pd.active(Int(q)) {
            throw pd.frame.absence(of: Int(q), in: cube).wrapped(in: .referenceRegion)
        }
        if let wanted {
            for r in wanted where !pd.active(Int(r)) { throw pd.frame.absence(of: Int(r), in: cube) }
            return wanted.map(Int.init)
        }
        return (0..<pd.nR).filter { r in pd.active(r) && { if case .region(let q) = ref { return Int(q) != r }; return true }() }
    }

    static func describe(_ ref: Reference, pd: PeriodData, cube: Cube, regions: [Int], registry: Registry) -> String {
        LocationQuotient.describeReference(ref, cube: cube, cs: pd.sections[0][0], regions: regions, registry: registry)
    }
}

struct DecompositionTable {
    let pd: PeriodData
    let cube: Cube
    /// With a `region` column (every region, or several).
    let multi: Bool
    var regionCodes: [Int32] = []
    var columnCodes: [Int32] = []
    var values: [[Double]] = []

    /// Blocks expected (one per region): the columns are sized once, as growing them by
    /// doubling keeps two copies alive (every region of a 2,000 × 300 panel: 600,000 rows).
    let blocks: Int

    init(pd: PeriodData, cube: Cube, multi: Bool, blocks: Int) { self.pd = pd; self.cube = cube; self.multi = multi; self.blocks = blocks }

    /// One region's rows (one per column, in column order) and its TOTAL row.
    mutating func addBlock(region: Int, rows: [[Double]], total: [Double]) {
        if values.isEmpty {
            let n = blocks * (rows.count + 1)
            values = Array(repeating: [], count: total.count)
            for k in values.indices { values[k].reserveCapacity(n) }
            regionCodes.reserveCapacity(n); columnCodes.reserveCapacity(n)
        }
        for (c, row) in rows.enumerated() {
            regionCodes.append(Int32(region)); columnCodes.append(pd.columnCodes[c])
            for k in 0..<row.count { values[k].append(row[k]) }
        }
        regionCodes.append(Int32(region)); columnCodes.append(pd.totalCode)
        for k in 0..<total.count { values[k].append(total[k]) }
    }

    func table(_ names: [String], unit: String?, decimals: [Int?] = []) -> Table {
        var cols: [Column] = []
        if multi { cols.append(Column("region", .coded(CodeColumn(regionCodes), cube.region), kind: .key)) }
        cols.append(Column(pd.isAreas ? "area" : "industry", .coded(CodeColumn(columnCodes), pd.totalDimension()), kind: .key))
        for (k, n) in names.enumerated() {
            cols.append(Column(n, .number(k < values.count ? values[k] : []), unit: unit, decimals: k < decimals.count ? decimals[k] : nil))
        }
        return Table(columns: cols)
    }
}
