// ComplexityVerb.swift — `complexity`: economic complexity: ECI of regions (or PCI of activities).
import SpetsCore

extension VerbTable {
    static let complexityVerb = VerbSpec(name: "complexity", summary: "economic complexity: ECI of regions (or PCI of activities)",
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
             run: { s, call throws(Diagnostic) in try Verbs.complexity(s, call) })
}

extension Verbs {
    static func complexity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, sm) = try specialisationMatrix(s, call)
        if let pc = call.clause("pci"), case .name(let other) = pc.value {
            // PCIs from another dataset (same measure name and year), ECI = their mean.
            let oc = try s.cube(other)
            guard let om = oc.measureIndex(call.subject!.measure.text) else {
                throw Diagnostic(.datasetHasNoMeasure, oc.name, call.subject!.measure.text, span: other.span)
            }
            let y = try year(call.clause("in")!, in: oc)
            let osm: SpecialisationMatrix, pr: ComplexityResult
            do {
                osm = try SpecialisationMatrix.build(oc, measure: om, year: y, threshold: 1, registry: s.registry)
                pr = try Complexity.compute(osm, convention: self.convention(call, ComplexityConvention.self) ?? .standard, cube: oc)
            } catch { throw error.at(pc.span) }
            var table: [String: Double] = [:]
            for (k, c) in pr.columns.enumerated() { table[osm.columnDim.labels[Int(osm.columns[c])].uppercased()] = pr.pci[k] }
            let (eci, div, matched) = Complexity.eciFromPCI(sm, pci: table)
            return Table(columns: [Column("region", .coded(CodeColumn(sm.regions.map(Int32.init)), cube.region), kind: .key),
                                   Column("eci", .number(eci), decimals: 4), Column("diversity", .number(div), decimals: 0)],
                         footer: ["ECI = mean PCI of the region's specialisations; PCIs from dataset \(oc.name) (\(pr.regions.count) regions, \(pr.note))",
                                  "\(matched) of the activities specialised here have a PCI there; unmatched codes are left out"] + sm.notes)
        }
        let convention = self.convention(call, ComplexityConvention.self) ?? .standard
        let r: ComplexityResult
        do { r = try Complexity.compute(sm, convention: convention, sampleSD: call.clause("sample") != nil, cube: cube) } catch { throw error.at(call.span) }
        var footer = ["complexity (\(convention.rawValue)): \(r.note)", "values are relative to this set of regions and year: not comparable across years or datasets"] + sm.notes
        if !r.dropped.isEmpty { footer.append("dropped first: " + r.dropped.joined(separator: "; ")) }
        if r.regions.count < 30 { footer.append("only \(r.regions.count) regions: ECI and PCI are unstable with so few; consider PCIs from a larger set of regions") }
        if call.clause("industries") != nil {
            return Table(columns: [Column("industry", .coded(CodeColumn(r.columns.map { sm.columns[$0] }), sm.columnDim), kind: .key),
                                   Column("pci", .number(r.pci), decimals: 4), Column("ubiquity", .number(r.ubiquity), decimals: 0)], footer: footer)
        }
        return Table(columns: [Column("region", .coded(CodeColumn(r.regions.map(Int32.init)), cube.region), kind: .key),
                               Column("eci", .number(r.eci), decimals: 4), Column("diversity", .number(r.diversity), decimals: 0)], footer: footer)
    }
}
