// Complexity.swift — economic complexity (ECI of regions, PCI of activities) under each
// convention in use, and the opportunity measures (COI, COG) built on them.
import Glibc

public enum ComplexityConvention: String, CaseIterable, Sendable {
    /// Eigenvector, z-scores with the population SD, signs from diversity / ubiquity (econci).
    case standard
    /// Growth Lab / py-ecomplexity: PCI scaled by ECI's moments.
    case atlas
    /// Method of reflections (k_c,18 and k_p,19), population SD.
    case reflections
    /// The economic-complexity package: reflections, sample SD.
    case economicComplexity = "economic-complexity"
    /// EconGeo's KCI: the eigenvector divided by its sum (sign from diversity).
    case econgeo
}

public struct ComplexityResult {
    public var regions: [Int]          // cube region codes kept
    public var columns: [Int]          // indices into the specialisation matrix's columns kept
    public var eci: [Double]
    public var pci: [Double]
    public var diversity: [Double]
    public var ubiquity: [Double]
    public var dropped: [String]
    public var note: String
    /// Raw sign-adjusted eigenvectors (ecomplexity's kc = D⁻¹M kp with kp of unit length).
    var rawECI: [Double] = []
    var rawPCI: [Double] = []
}

public enum Complexity {
    static func z(_ x: [Double], sample: Bool) -> [Double] {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        let sd = (x.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / (sample ? n - 1 : n)).squareRoot()
        return x.map { sd > 0 ? ($0 - m) / sd : 0 }
    }

    static func corr(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count), ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var s = 0.0
        for i in a.indices { s += (a[i] - ma) * (b[i] - mb) }
        return s
    }

    public static func compute(_ sm: SpecialisationMatrix, convention: ComplexityConvention, sampleSD: Bool = false,
                               cube: Cube) throws(Diagnostic) -> ComplexityResult {
        let d0 = sm.diversity, u0 = sm.ubiquity
        let keepR = (0..<sm.nR).filter { d0[$0] > 0 }, keepC = (0..<sm.nC).filter { u0[$0] > 0 }
        var dropped = (0..<sm.nR).filter { d0[$0] == 0 }.map { "region \(cube.region.labels[sm.regions[$0]]) (no specialisation)" }
        dropped += (0..<sm.nC).filter { u0[$0] == 0 }.map { "activity \(sm.columnDim.labels[Int(sm.columns[$0])]) (no region specialised)" }
        let nR = keepR.count, nC = keepC.count
        guard nR >= 2, nC >= 2 else {
            throw Diagnostic(.complexityNeedsLeastTwoRegions, nR, nC,
                             help: dropped.isEmpty ? nil : "dropped: " + dropped.joined(separator: "; "))
        }
        var M = [Double](repeating: 0, count: nR * nC)
        for (a, r) in keepR.enumerated() { for (b, c) in keepC.enumerated() { M[a * nC + b] = sm.m[r * sm.nC + c] } }
        let d = keepR.map { d0[$0] }, u = keepC.map { u0[$0] }
        var eci: [Double], pci: [Double], note: String
        var rawE: [Double] = [], rawP: [Double] = []
        switch convention {
        case .reflections, .economicComplexity:
            var kc = d, kp = u, kc18 = d, kp19 = u
            for n in 1...19 {
                var nkc = [Double](repeating: 0, count: nR), nkp = [Double](repeating: 0, count: nC)
                for a in 0..<nR { var s = 0.0; for b in 0..<nC { s += M[a * nC + b] * kp[b] }; nkc[a] = s / d[a] }
                for b in 0..<nC { var s = 0.0; for a in 0..<nR { s += M[a * nC + b] * kc[a] }; nkp[b] = s / u[b] }
                kc = nkc; kp = nkp
                if n == 18 { kc18 = kc }
                if n == 19 { kp19 = kp }
            }
            let sample = convention == .economicComplexity || sampleSD
            eci = z(kc18, sample: sample); pci = z(kp19, sample: sample)
            note = "method of reflections: ECI = z(k_c,18), PCI = z(k_p,19) with the \(sample ? "sample" : "population") SD"
        default:
            // PCI side: S_p = U^-½ Mᵀ D⁻¹ M U^-½ is symmetric; its top eigenvector is √u.
            var S = [Double](repeating: 0, count: nC * nC)
            var list: [Int] = []
            S.withUnsafeMutableBufferPointer { sp in
                for a in 0..<nR {
                    let w = 1 / d[a]
                    list.removeAll(keepingCapacity: true)
                    for i in 0..<nC where M[a * nC + i] == 1 { list.append(i) }
                    for i in list { let row = i * nC; for j in list { sp[row + j] += w } }
                }
                let ru = u.map { 1 / $0.squareRoot() }
                for i in 0..<nC { for j in 0..<nC { sp[i * nC + j] *= ru[i] * ru[j] } }
            }
            let top = u.map { $0.squareRoot() }
            let tn = top.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            let (w, lambda2, how) = Eigen.second(S, nC, top: top.map { $0 / tn })
            if lambda2 > 1 - 1e-9 {
                throw Diagnostic(.regionsActivitiesSplitIntoGroups,
                                 help: "analyse the groups separately, or lower the threshold so that they connect")
            }
            // kp (unit length, as numpy's eig gives for Mpp) and kc = D⁻¹ M kp.
            var kp = (0..<nC).map { w[$0] / u[$0].squareRoot() }
            let kn = kp.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            kp = kp.map { $0 / kn }
            var kc = (0..<nR).map { a in (0..<nC).reduce(0.0) { $0 + M[a * nC + $1] * kp[$1] } / d[a] }
            let s: Double = corr(kc, d) >= 0 ? 1 : -1
            kc = kc.map { $0 * s }; kp = kp.map { $0 * s }
            rawE = kc; rawP = kp
            switch convention {
            case .atlas:
                let m = kc.reduce(0, +) / Double(nR)
                let sd = (kc.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / Double(nR)).squareRoot()
                eci = kc.map { ($0 - m) / sd }; pci = kp.map { ($0 - m) / sd }
                note = "Growth Lab normalisation: ECI z-scored, PCI scaled by ECI's mean and SD (population); \(how)"
            case .econgeo:
                let se = kc.reduce(0, +), sp = kp.reduce(0, +)
                eci = kc.map { $0 / abs(se) }; pci = kp.map { $0 / abs(sp) }
                if corr(pci, u) > 0 { pci = pci.map { -$0 } }
                note = "EconGeo style: the eigenvector divided by the absolute value of its sum, signs from diversity and ubiquity; \(how)"
            default:
                eci = z(kc, sample: sampleSD)
                pci = z(corr(kp, u) > 0 ? kp.map { -$0 } : kp, sample: sampleSD)
                note = "eigenvector of the second-largest eigenvalue, z-scored with the \(sampleSD ? "sample" : "population") SD; ECI signed to correlate positively with diversity, PCI negatively with ubiquity; \(how)"
            }
        }
        return ComplexityResult(regions: keepR.map { sm.regions[$0] }, columns: keepC, eci: eci, pci: pci, diversity: d, ubiquity: u,
                                dropped: dropped, note: note, rawECI: rawE, rawPCI: rawP)
    }

    /// A region's ECI as the mean PCI of its specialisations, with PCIs computed elsewhere
    /// (e.g. on all EU regions): stable where the local set is too small.
    public static func eciFromPCI(_ sm: SpecialisationMatrix, pci: [String: Double]) -> (eci: [Double], diversity: [Double], matched: Int) {
        var eci: [Double] = [], div: [Double] = []
        var matched = Set<Int>()
        for r in 0..<sm.nR {
            var s = 0.0, n = 0.0
            for c in 0..<sm.nC where sm.m[r * sm.nC + c] == 1 {
                if let p = pci[sm.columnDim.labels[Int(sm.columns[c])].uppercased()] { s += p; n += 1; matched.insert(c) }
            }
            eci.append(n > 0 ? s / n : .nan)
            div.append(n)
        }
        return (eci, div, matched.count)
    }

    public enum OpportunityConvention: String, CaseIterable, Sendable {
        case atlas, ecomplexity, economicComplexity = "economic-complexity"
    }

    /// COI per region and COG per region × activity (over the activities kept by complexity).
    public static func opportunity(_ sm: SpecialisationMatrix, _ cr: ComplexityResult, convention: OpportunityConvention,
                                   cube: Cube) throws(Diagnostic) -> (coi: [Double], cog: [Double], density: [Double], pci: [Double]) {
        // Work on the kept regions/activities.
        let rIdx = cr.regions.map { r in sm.regions.firstIndex(of: r)! }, cIdx = cr.columns
        let nR = rIdx.count, nC = cIdx.count
        let full = SpecialisationMatrix(regions: rIdx.map { sm.regions[$0] }, columns: cIdx.map { sm.columns[$0] }, columnDim: sm.columnDim,
                                    m: rIdx.flatMap { r in cIdx.map { sm.m[r * sm.nC + $0] } }, notes: sm.notes)
        var phi = Relatedness.proximity(full)
        let diag: Double = convention == .economicComplexity ? 0 : 1
        for i in 0..<nC { phi[i * nC + i] = diag }
        let density = Relatedness.density(full, convention: convention == .economicComplexity ? .standard : .atlas)
        var p: [Double]
        var scale = 1.0
        switch convention {
        case .atlas: p = try compute(full, convention: .standard, cube: cube).pci
        case .ecomplexity:
            let gl = try compute(full, convention: .atlas, cube: cube)
            p = gl.rawPCI
            scale = sd(gl.rawECI)
        case .economicComplexity: p = try compute(full, convention: .economicComplexity, cube: cube).pci
        }
        // Weights φ_ij normalised over the source activity j (Atlas, ecomplexity) or over the
        // target i (economic-complexity).
        var W = phi
        for i in 0..<nC {
            for j in 0..<nC {
                let norm = convention != .economicComplexity ? (0..<nC).reduce(0.0) { $0 + phi[$1 * nC + j] } : (0..<nC).reduce(0.0) { $0 + phi[i * nC + $1] }
                W[i * nC + j] = norm > 0 ? phi[i * nC + j] / norm : 0
            }
        }
        var coi = [Double](repeating: 0, count: nR), cog = [Double](repeating: 0, count: nR * nC)
        for r in 0..<nR {
            for j in 0..<nC where full.m[r * nC + j] == 0 { coi[r] += (density[r * nC + j].isNaN ? 0 : density[r * nC + j]) * p[j] }
            for i in 0..<nC {
                var s = 0.0
                for j in 0..<nC where full.m[r * nC + j] == 0 { s += W[i * nC + j] * p[j] }
                let d = density[r * nC + i].isNaN ? 0 : density[r * nC + i]
                switch convention {
                case .ecomplexity: cog[r * nC + i] = full.m[r * nC + i] == 1 ? 0 : s / scale
                default: cog[r * nC + i] = s - d * p[i]
                }
            }
        }
        if convention == .ecomplexity { coi = z(coi, sample: false) }
        return (coi, cog, density, p)
    }

    static func sd(_ x: [Double]) -> Double {
        let m = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
    }
}
