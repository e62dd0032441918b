// SimilarCommand.swift — `similar R on D.M in YEAR`: the regions whose industry structure is
// most like R's.
import SpetsCore

public struct SimilarCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "similar", usage: "similar R on D.M in YEAR [top N] [by krugman|cosine|correlation] [outside CODE]", summary: "the regions with the most similar industry structure", summarySV: "regionerna med mest lik branschstruktur", journaled: true, yieldsTable: true, node: SimilarCommand.self)
    public var region: NameRef
    public var measure: MeasureRef
    public var year: Int
    public var top: Int?
    public var by: NameRef?
    public var outside: NameRef?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> SimilarCommand { try p.parseSimilar() }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        let s = e.session
        let (cube, mi) = try s.measure(measure)
        let r = try s.resolveRegion(region, in: cube)
        guard cube.industry != nil else { throw Diagnostic(.datasetHasNoIndustriesCompare, cube.name, span: measure.span) }
        guard cube.distinctYears.contains(year) else { throw Diagnostic(.noObservations, year, cube.name, span: e.span) }
        do {
            return Outcome(table: try Comparison.similar(cube, measure: mi, year: year, region: r,
                                                          method: by.flatMap { SimilarityMethod(rawValue: $0.text.lowercased()) } ?? .krugman,
                                                          top: top ?? 5, outside: outside?.text, registry: s.registry))
        } catch { throw error.at(e.span) }
    }
}

extension Parser {
    /// similar = "similar" name "on" measure_ref "in" YEAR [ "top" INT ] [ "by" WORD ] [ "outside" name ] ;
    mutating func parseSimilar() throws(Diagnostic) -> SimilarCommand {
        advance()
        let stops = Self.nameStops(["on", "in", "top", "by", "outside"])
        let region = try parseMultiwordName(stops)
        try expect(word: "on", "after the region (`similar R on D.M in YEAR`)")
        let m = try parseMeasureRef(stops)
        try expect(word: "in", "before the year")
        let y = try parseYear()
        var top: Int? = nil, by: NameRef? = nil, outside: NameRef? = nil
        while !atClauseEnd {
            if match(word: "top") {
                top = try parseCount("regions", min: 1)
            } else if match(word: "by") {
                by = try parseIdentifier(SimilarityMethod.allCases.map(\.rawValue).joined(separator: ", "))
                guard SimilarityMethod(rawValue: by!.text.lowercased()) != nil else {
                    throw Diagnostic(.one, by!.text, SimilarityMethod.allCases.map(\.rawValue).joined(separator: ", "), span: by!.span,
                                     candidates: Text.suggestions(for: by!.text, among: SimilarityMethod.allCases.map(\.rawValue)))
                }
            } else if match(word: "outside") {
                outside = try parseName("a region code (e.g. SE)")
            } else {
                throw error(.unexpected5, describe(peek), help: "usage: similar R on D.M in YEAR [top N] [by krugman|cosine|correlation] [outside CODE]")
            }
        }
        return SimilarCommand(region: region, measure: m, year: y, top: top, by: by, outside: outside)
    }

}
