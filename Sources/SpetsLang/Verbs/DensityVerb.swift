// DensityVerb.swift — `density`: relatedness density: how much of what is related to an activity a region already does.
import SpetsCore

extension VerbTable {
    static let densityVerb = VerbSpec(name: "density", summary: "relatedness density: how much of what is related to an activity a region already does",
             usage: "density D.M in YEAR [for R, …] [convention standard|atlas|econgeo] [method min|cosine] [threshold T] [level …]",
             takesMeasure: true,
             clauses: [inYear, forRegions,
                       ClauseSpec(keyword: "convention", shape: .word(DensityConvention.allCases.map(\.rawValue)), required: false,
                                  help: "standard (φ_jj = 0, default), atlas (φ_jj = 1, py-ecomplexity), econgeo (EconGeo's prob relatedness, × 100)"),
                       proxMethod, binThreshold, level],
             details: ["ω[r,j] = Σ_i M[r,i] φ_ij / Σ_i φ_ij; distance = 1 − ω. Columns: region, industry, density, m."],
             run: { s, call throws(Diagnostic) in try Verbs.density(s, call) })
}

extension Verbs {
    static func density(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, sm) = try specialisationMatrix(s, call)
        let convention = self.convention(call, DensityConvention.self) ?? .standard
        let proxMethod: ProximityMethod
        if let c = call.clause("method"), case .name(let n) = c.value { proxMethod = ProximityMethod(rawValue: n.text.lowercased()) ?? .minimum } else { proxMethod = .minimum }
        var rows = Array(0..<sm.nR)
        let wanted = try regions(s, call, cube)
        if let wanted {
            rows = []
            for w in wanted {
                guard let k = sm.regions.firstIndex(of: Int(w)) else {
                    throw Diagnostic(.amongRegionsAnalysisAnotherLevel, cube.region.display(w), span: call.span)
                }
                rows.append(k)
            }
        }
        let dens = Relatedness.density(sm, convention: convention, method: proxMethod, rows: wanted == nil ? nil : rows)
        var r: [Int32] = [], c: [Int32] = [], d: [Double] = [], m: [Double] = []
        for k in rows { for j in 0..<sm.nC { r.append(Int32(sm.regions[k])); c.append(sm.columns[j]); d.append(dens[k * sm.nC + j]); m.append(sm.m[k * sm.nC + j]) } }
        let what: String
        switch convention {
        case .standard: what = "ω[r,j] = Σ_i M[r,i]φ_ij / Σ_i φ_ij with φ_jj = 0 (economic-complexity, econci)"
        case .atlas: what = "ω[r,j] = Σ_i M[r,i]φ_ij / Σ_i φ_ij with φ_jj = 1 (convention atlas: py-ecomplexity)"
        case .econgeo: what = "EconGeo: relatedness = co-occurrence over its probabilistic expectation; density = Σ_i M r_ij / Σ_i r_ij × 100"
        }
        var footer = ["relatedness density: \(what); distance = 1 − density; – where no activity is related"]
        if convention != .econgeo {
            footer.append(proxMethod == .cosine ? "proximity φ: cosine similarity of the activities' M columns (method cosine)"
                                                 : "proximity φ: minimum conditional probability of co-specialisation (method min, the default)")
        }
        footer += sm.notes
        if sm.nR < 30 { footer.append("with \(sm.nR) regions the proximities rest on few co-occurrences: read them as indicative") }
        return Table(columns: [Column("region", .coded(CodeColumn(r), cube.region), kind: .key), Column(sm.columnDim.name == "area" ? "area" : "industry", .coded(CodeColumn(c), sm.columnDim), kind: .key),
                               Column("density", .number(d), decimals: 4), Column("m", .number(m), decimals: 0)], footer: footer)
    }
}
