// YearsCommand.swift — `years D`: the years a dataset holds and how complete each is (rows,
// regions and industries with an observed value, rows missing a value), to choose the years
// of an analysis.
import SpetsCore

public struct YearsCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "years", usage: "years NAME",
                                         summary: "the years of a dataset: rows, regions and industries with an observed value, rows missing a value, per year",
                                         summarySV: "en datamängds år: rader, regioner och branscher med ett observerat värde, rader som saknar ett värde, per år",
                                         journaled: true, yieldsTable: true, node: YearsCommand.self)
    public var name: NameRef

    /// years = "years" NAME ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> YearsCommand {
        p.advance()
        return YearsCommand(name: try p.parseName("a dataset name"))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(table: Self.table(try e.session.cube(name))) }

    public static func complete(_ c: CompletionContext) -> [String]? { c.tokens.count == 1 ? c.session.datasetOrder : nil }

    /// One row per year, oldest first. A row is missing when any of its measures is; a region
    /// or industry is there when one of its rows has an observed value.
    static func table(_ c: Cube) -> Table {
        let years = c.distinctYears
        let slot = Dictionary(uniqueKeysWithValues: years.enumerated().map { (Int32($0.element), $0.offset) })
        var rows = [Double](repeating: 0, count: years.count), missing = rows
        var regions = [[Bool]](repeating: [Bool](repeating: false, count: c.region.count), count: years.count)
        var industries = [[Bool]](repeating: [Bool](repeating: false, count: c.industry?.count ?? 0), count: years.count)
        let measureValues = c.measures.map(\.values)
        for k in 0..<c.count {
            let y = slot[c.years[k]]!
            rows[y] += 1
            var observed = 0
            for m in measureValues where !m[k].isNaN { observed += 1 }
            if observed < measureValues.count { missing[y] += 1 }
            // Only a row with something observed counts its region and industry as there.
            guard observed > 0 else { continue }
            regions[y][Int(c.regionCodes[k])] = true
            if c.industry != nil { industries[y][Int(c.industryCodes[k])] = true }
        }
        func count(_ seen: [[Bool]]) -> [Double] { seen.map { Double($0.lazy.filter { $0 }.count) } }
        var columns = [Column("year", .number(years.map(Double.init)), decimals: 0, kind: .key),
                       Column("rows", .number(rows), decimals: 0), Column("regions", .number(count(regions)), decimals: 0)]
        if c.industry != nil { columns.append(Column("industries", .number(count(industries)), decimals: 0)) }
        columns.append(Column("missing", .number(missing), decimals: 0))
        return Table(columns: columns, footer: [
            "years of \(c.name): " + (years.isEmpty ? "none" : years.count == 1 ? "\(years[0])" : "\(years.first!)–\(years.last!)") + " (\(plural(years.count, "year")))",
            "regions, industries: those with an observed value that year (any level the file holds: a country or NUTS row counts as a region); missing: rows with a measure not observed",
        ])
    }
}
