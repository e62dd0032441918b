// ProximityVerb.swift — `proximity`: how often two activities are specialisations of the same regions.
import SpetsCore

extension VerbTable {
    static let proximityVerb = VerbSpec(name: "proximity", summary: "how often two activities are specialisations of the same regions",
             usage: "proximity D.M in YEAR [method min|cosine] [threshold T] [level …]",
             takesMeasure: true,
             clauses: [inYear, proxMethod, binThreshold, level],
             details: ["φ_ij = C_ij / max(u_i, u_j) (min) or C_ij / √(u_i u_j) (cosine), C the co-occurrence of specialisations (LQ ≥ threshold).",
                       "Columns: industry, related, proximity (every ordered pair of different activities)."],
             run: { s, call throws(Diagnostic) in try Verbs.proximity(s, call) })
}

extension Verbs {
    static func proximity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (_, sm) = try specialisationMatrix(s, call)
        let method = self.method(call, ProximityMethod.self) ?? .minimum
        let phi = Relatedness.proximity(sm, method: method)
        var a: [Int32] = [], b: [Int32] = [], v: [Double] = []
        for i in 0..<sm.nC { for j in 0..<sm.nC where i != j { a.append(sm.columns[i]); b.append(sm.columns[j]); v.append(phi[i * sm.nC + j]) } }
        return Table(columns: [Column("industry", .coded(CodeColumn(a), sm.columnDim), kind: .key), Column("related", .coded(CodeColumn(b), sm.columnDim), kind: .key),
                               Column("proximity", .number(v), decimals: 4)],
                     footer: ["proximity \(method == .minimum ? "φ_ij = C_ij / max(u_i, u_j) (minimum conditional probability)" : "C_ij / √(u_i u_j) (cosine)"); C = co-occurrence of specialisations, u = ubiquity"] + sm.notes)
    }
}
