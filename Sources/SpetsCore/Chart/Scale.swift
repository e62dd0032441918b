// Scale.swift — data to pixels, and the ticks people expect (1, 2, 5 × 10^k; on a log
// scale 0.25, 0.5, 1, 2, 4 …) with their labels in the session's number locale.

import Glibc

public struct Scale {
    public var lo: Double
    public var hi: Double
    public var a: Double
    public var b: Double
    public var log: Bool
    /// Tick labels ×100: as percentages, or as percentage points (the axis title says so).
    public enum Hundred: Sendable { case none, percent, points }
    public var hundred = Hundred.none
    /// Thousands separators in tick labels (not for years).
    public var grouping = true

    /// A domain padded a little and widened to include `include` (e.g. 0 or an LQ of 1).
    public init(values: [Double], include: [Double] = [], range: (Double, Double), log: Bool = false, pad: Double = 0.05) {
        var v = values.filter { $0.isFinite && (!log || $0 > 0) } + include
        if v.isEmpty { v = log ? [1] : [0] }
        var lo = v.min()!, hi = v.max()!
        if log { lo = Glibc.log(lo); hi = Glibc.log(hi) }
        if hi - lo < 1e-12 { let w = max(abs(lo) * 0.1, log ? 0.1 : 1); lo -= w; hi += w }
        let p = (hi - lo) * pad
        lo -= p; hi += p
        if log { lo = exp(lo); hi = exp(hi) }
        self.lo = lo; self.hi = hi; self.a = range.0; self.b = range.1; self.log = log
    }

    public init(lo: Double, hi: Double, range: (Double, Double)) {
        self.lo = lo; self.hi = hi; self.a = range.0; self.b = range.1; self.log = false
    }

    public func callAsFunction(_ v: Double) -> Double {
        if log {
            let l = Glibc.log(max(v, 1e-300)), l0 = Glibc.log(lo), l1 = Glibc.log(hi)
            return a + (l - l0) / (l1 - l0) * (b - a)
        }
        return a + (v - lo) / (hi - lo) * (b - a)
    }

    /// About `count` ticks inside the domain.
    public func ticks(_ count: Int = 6) -> [Double] {
        if log {
            var out: [Double] = []
            let span = Glibc.log10(hi / lo)
            let mults: [Double] = span > 3 ? [1] : span > 1.2 ? [1, 2, 5] : [1, 1.5, 2, 2.5, 3, 4, 5, 7.5]
            var e = Int(floor(Glibc.log10(lo))) - 1
            while e <= Int(ceil(Glibc.log10(hi))) {
                for m in mults {
                    let v = m * pow(10, Double(e))
                    if v >= lo && v <= hi { out.append(v) }
                }
                e += 1
            }
            if out.count > count + 3 { out = stride(from: 0, to: out.count, by: 2).map { out[$0] } }
            return out
        }
        let step = Self.niceStep((hi - lo) / Double(max(count, 1)))
        var out: [Double] = []
        var v = (lo / step).rounded(.up) * step
        while v <= hi + step * 1e-9 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, floor(Glibc.log10(raw)))
        let f = raw / p
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p
    }

    /// Labels for the ticks: as few decimals as tell them apart.
    public func labels(_ ticks: [Double], locale: NumberLocale) -> [String] {
        let scaled = ticks.map { hundred == .none ? $0 : $0 * 100 }
        var decimals = 0
        while decimals < 6 {
            let texts = scaled.map { NumberFormatting.fixed($0, decimals: decimals, group: "") }
            let exact = zip(scaled, texts).allSatisfy { abs((Double($1) ?? .nan) - $0) < 1e-9 * max(1, abs($0)) }
            if exact && Set(texts).count == texts.count { break }
            decimals += 1
        }
        return scaled.map { NumberFormatting.fixed($0, decimals: decimals, group: grouping ? locale.group : "", decimalMark: locale.decimalMark) + (hundred == .percent ? locale.percentSign : "") }
    }
}
