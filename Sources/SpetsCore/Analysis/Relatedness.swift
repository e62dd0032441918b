// Relatedness.swift — binary specialisation M, proximity between activities, and relatedness
// density of each region to each activity (methods.md "Relatedness and complexity").

public enum DensityConvention: String, CaseIterable, Sendable {
    /// φ_jj = 0 (economic-complexity, econci; the default).
    case standard
    /// φ_jj = 1 (py-ecomplexity, the Atlas).
    case atlas
    /// EconGeo's "prob" relatedness of the co-occurrence matrix, density × 100.
    case econgeo
}

/// M over the regions of one level and the activities of the partition.
public struct SpecialisationMatrix {
    public let regions: [Int]           // region codes of the cube
    public let columns: [Int32]         // activity codes (columns of the cross-section)
    public let columnDim: Dimension
    public let m: [Double]              // regions.count × columns.count, 0/1
    public let notes: [String]
    public var nR: Int { regions.count }
    public var nC: Int { columns.count }

    public static func build(_ cube: Cube, measure: Int, year: Int, threshold: Double, registry: Registry,
                             industries: IndustryChoice = .finest, regionLevel: Int? = nil) throws(Diagnostic) -> SpecialisationMatrix {
        let cs = try CrossSection.build(cube, measure: measure, year: year, registry: registry, industries: industries, regionLevel: regionLevel)
        var count: [Int: Int] = [:]
        for r in 0..<cs.nR where cs.active[r] && !cs.aggregate[r] { count[cs.level[r], default: 0] += 1 }
        let level = regionLevel ?? count.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 0
        let regions = (0..<cs.nR).filter { cs.active[$0] && !cs.aggregate[$0] && cs.level[$0] == level }
        guard !regions.isEmpty else { throw Diagnostic(.noRegionsData, year) }
        let s0 = cs.referenceShares(for: regions[0], .levelSum, peers: regions)
        var m = [Double](repeating: 0, count: regions.count * cs.nC)
        for (k, r) in regions.enumerated() where cs.rowTotal[r] > 0 {
            for c in 0..<cs.nC {
                let v = cs.at(r, c)
                if !v.isNaN && s0[c] > 0 && (v / cs.rowTotal[r]) / s0[c] >= threshold { m[k * cs.nC + c] = 1 }
            }
        }
        var notes = cs.notes
        notes.append("M = 1 if LQ ≥ \(NumberFormatting.exact(threshold)) (LQ against the sum of the \(regions.count) regions\(level >= 0 ? " at level \(registry.levelName(level))" : ""))")
        return SpecialisationMatrix(regions: regions, columns: cs.columnCodes, columnDim: cs.columnDim, m: m, notes: notes)
    }

    public var diversity: [Double] { (0..<nR).map { r in (0..<nC).reduce(0.0) { $0 + m[r * nC + $1] } } }
    public var ubiquity: [Double] { (0..<nC).map { c in (0..<nR).reduce(0.0) { $0 + m[$1 * nC + c] } } }

    /// Co-occurrence C_ij = Σ_r M_ri M_rj (diagonal = ubiquity): each activity's column of M
    /// as a bitset over the regions, C_ij the popcount of an AND — n²/2 × nR/64 word
    /// operations instead of Σ_r d_r² additions (2,000 regions × 300 activities: about 1 ms
    /// instead of 30). Counts are exact either way.
    public func cooccurrence() -> [Double] {
        let words = (nR + 63) / 64
        var bits = [UInt64](repeating: 0, count: nC * words)
        for r in 0..<nR { for c in 0..<nC where m[r * nC + c] == 1 { bits[c * words + r >> 6] |= 1 << UInt64(r & 63) } }
        var C = [Double](repeating: 0, count: nC * nC)
        bits.withUnsafeBufferPointer { b in
            C.withUnsafeMutableBufferPointer { out in
                for i in 0..<nC {
                    let bi = b.baseAddress! + i * words
                    for j in i..<nC {
                        let bj = b.baseAddress! + j * words
                        var k = 0
                        for w in 0..<words { k &+= (bi[w] & bj[w]).nonzeroBitCount }
                        out[i * nC + j] = Double(k)
                        out[j * nC + i] = Double(k)
                    }
                }
            }
        }
        return C
    }
}

public enum ProximityMethod: String, CaseIterable, Sendable { case minimum = "min", cosine }

public enum Relatedness {
    /// φ_ij = C_ij / max(u_i, u_j) (minimum conditional probability), or C_ij / √(u_i u_j);
    /// the diagonal is 1 for an activity some region has.
    public static func proximity(_ sm: SpecialisationMatrix, method: ProximityMethod = .minimum) -> [Double] {
        let C = sm.cooccurrence(), u = sm.ubiquity, n = sm.nC
        var phi = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where C[i * n + j] > 0 {
                phi[i * n + j] = method == .minimum ? C[i * n + j] / max(u[i], u[j]) : C[i * n + j] / (u[i] * u[j]).squareRoot()
            }
        }
        return phi
    }

    /// EconGeo's `relatedness(…, method = "prob")`: co-occurrence over its expectation
    /// (r_i r_j / 2)(1/(T − r_i) + 1/(T − r_j)), diagonal 0, r the row sums without it.
    public static func probabilityRelatedness(_ sm: SpecialisationMatrix) -> [Double] {
        var C = sm.cooccurrence()
        let n = sm.nC
        for i in 0..<n { C[i * n + i] = 0 }
        let r = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + C[i * n + $1] } }
        let T = r.reduce(0, +)
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j && C[i * n + j] > 0 {
                let e = (r[i] * r[j] / 2) * (1 / (T - r[i]) + 1 / (T - r[j]))
                out[i * n + j] = e > 0 ? C[i * n + j] / e : 0
            }
        }
        return out
    }

    /// ω[r,j] = Σ_i M[r,i] φ_ij / Σ_i φ_ij (NaN where no activity is related to j). `rows`
    /// (positions in `sm.regions`) limits the work to those regions — one region of 2,000
    /// needs φ, but not the other 1,999 rows; the rest stay NaN.
    public static func density(_ sm: SpecialisationMatrix, convention: DensityConvention, method: ProximityMethod = .minimum,
                               rows: [Int]? = nil) -> [Double] {
        let n = sm.nC
        var phi: [Double]
        switch convention {
        case .econgeo: phi = probabilityRelatedness(sm)
        case .standard, .atlas:
            phi = proximity(sm, method: method)
            let u = sm.ubiquity
            for i in 0..<n { phi[i * n + i] = convention == .atlas && u[i] > 0 ? 1 : 0 }
        }
        let colSum = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + phi[$1 * n + j] } }
        var out = [Double](repeating: .nan, count: sm.nR * n)
        var acc = [Double](repeating: 0, count: n)
        let scale = convention == .econgeo ? 100.0 : 1.0
        let m = sm.m
        phi.withUnsafeBufferPointer { p in
            acc.withUnsafeMutableBufferPointer { a in
                out.withUnsafeMutableBufferPointer { o in
                    for r in rows ?? Array(0..<sm.nR) {
                        for j in 0..<n { a[j] = 0 }
                        // Rows of φ for the region's specialisations, added in memory order.
                        for i in 0..<n where m[r * n + i] == 1 { let row = i * n; for j in 0..<n { a[j] += p[row + j] } }
                        for j in 0..<n where colSum[j] > 0 { o[r * n + j] = scale * a[j] / colSum[j] }
                    }
                }
            }
        }
        return out
    }
}
