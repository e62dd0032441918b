// OpportunitiesCommand.swift — `opportunities R on D.M in YEAR`: the S3 diversification view
// of one region: its non-specialised activities with relatedness density, complexity,
// quadrant and COG.
import SpetsCore

public struct OpportunitiesCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "opportunities", usage: "opportunities R on D.M in YEAR [convention atlas|ecomplexity|economic-complexity] [threshold T]",
                summary: "a region's non-specialised activities by relatedness and complexity (the S3 diversification view)", summarySV: "en regions ospecialiserade verksamheter efter släktskap och komplexitet (S3-bilden av diversifiering)", journaled: true, yieldsTable: true, node: OpportunitiesCommand.self)
    public var region: NameRef
    public var measure: MeasureRef
    public var year: Int
    public var convention: NameRef?
    public var threshold: Double?

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> OpportunitiesCommand { try p.parseOpportunities() }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        Outcome(table: try e.session.opportunities(region, measure, year, convention, threshold, span: e.span))
    }
}

extension Parser {
    /// opportunities = "opportunities" name "on" measure_ref "in" YEAR [ "convention" WORD ] [ "threshold" NUMBER ] ;
    mutating func parseOpportunities() throws(Diagnostic) -> OpportunitiesCommand {
        advance()
        let stops = Self.nameStops(["on", "in", "convention", "threshold"])
        let region = try parseMultiwordName(stops)
        try expect(word: "on", "after the region (`opportunities R on D.M in YEAR`)")
        let m = try parseMeasureRef(stops)
        try expect(word: "in", "before the year")
        let y = try parseYear()
        var convention: NameRef? = nil, threshold: Double? = nil
        while !atClauseEnd {
            if match(word: "convention") {
                let c = try parseIdentifierOrHyphenated()
                let options = Complexity.OpportunityConvention.allCases.map(\.rawValue)
                guard options.contains(c.text.lowercased()) else {
                    throw Diagnostic(.one, c.text, options.joined(separator: ", "), span: c.span,
                                     candidates: Text.suggestions(for: c.text, among: options))
                }
                convention = c
            } else if match(word: "threshold") {
                guard peek.kind == .number else { throw error(.expectedNumberAfter) }
                threshold = advance().number
            } else {
                throw error(.unexpected3, describe(peek), help: "usage: opportunities R on D.M in YEAR [convention atlas|ecomplexity|economic-complexity] [threshold T]")
            }
        }
        return OpportunitiesCommand(region: region, measure: m, year: y, convention: convention, threshold: threshold)
    }

}

extension Session {
    func opportunities(_ region: NameRef, _ m: MeasureRef, _ year: Int, _ conv: NameRef?, _ threshold: Double?, span: Range<Int>) throws(Diagnostic) -> Table {
        let (cube, mi) = try measure(m)
        guard cube.industry != nil else { throw Diagnostic(.datasetHasNoIndustries, cube.name, span: m.span) }
        guard cube.distinctYears.contains(year) else { throw Diagnostic(.noObservations, year, cube.name, span: span) }
        let r = try resolveRegion(region, in: cube)
        let convention = conv.flatMap { Complexity.OpportunityConvention(rawValue: $0.text.lowercased()) } ?? .atlas
        do throws(Diagnostic) {
            let sm = try SpecialisationMatrix.build(cube, measure: mi, year: year, threshold: threshold ?? 1, registry: registry)
            let cr = try Complexity.compute(sm, convention: .standard, cube: cube)
            guard let k = cr.regions.firstIndex(of: Int(r)) else {
                throw Diagnostic(.hasNoSpecialisationAnotherLevel, cube.region.display(r), span: region.span)
            }
            let o = try Complexity.opportunity(sm, cr, convention: convention, cube: cube)
            let nC = cr.columns.count
            let smRow = sm.regions.firstIndex(of: Int(r))!
            let open = (0..<nC).filter { sm.m[smRow * sm.nC + cr.columns[$0]] == 0 }
            let dens = open.map { o.density[k * nC + $0] }, pci = open.map { o.pci[$0] }
            let md = dens.reduce(0, +) / Double(max(dens.count, 1)), mp = pci.reduce(0, +) / Double(max(pci.count, 1))
            let quadrant = open.indices.map { i -> String in
                switch (dens[i] >= md, pci[i] >= mp) {
                case (true, true): return "low-risk high-value"
                case (false, true): return "high-risk high-value"
                case (true, false): return "low-risk low-value"
                case (false, false): return "high-risk low-value"
                }
            }
            let codes = open.map { sm.columns[cr.columns[$0]] }
            let cog = open.map { o.cog[k * nC + $0] }
            return Table(columns: [
                Column("industry", .coded(CodeColumn(codes), sm.columnDim), kind: .key), Column("density", .number(dens), decimals: 4),
                Column("pci", .number(pci), decimals: 4), Column("quadrant", .text(quadrant)), Column("cog", .number(cog), decimals: 4),
            ], footer: ["opportunities of \(cube.region.display(r)), \(cube.measures[mi].name) \(year): its \(open.count) activities without specialisation; quadrants split at the mean density and the mean PCI of these (Balland et al. 2019)",
                        "convention \(convention.rawValue): COI = \(NumberFormatting.fixed(o.coi[k], decimals: 4)); " + (convention == .atlas
                            ? "COG = Σ_j φ_ij/Σ_k φ_kj (1 − M_j) PCI_j − d_i PCI_i (Atlas), φ_ii = 1, PCI z-scored"
                            : convention == .ecomplexity ? "COG and PCI as py-ecomplexity computes them (raw PCI, masked, ÷ SD of raw ECI; COI z-scored)"
                            : "COG (opportunity gain) as economic-complexity computes it (reflections PCI, φ_ii = 0, weights over the target)"),
                        "density here uses the convention's own φ_ii; PCI from the \(cr.regions.count) regions — with few regions (as with counties) complexity is unstable"] + sm.notes)
        } catch { throw error.at(span) }
    }
}
