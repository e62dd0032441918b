// ScaledValues.swift — a measure kept as whole multiples of 10^-d in four bytes a row. Counts
// (employment, firms) are whole numbers and money is usually written to a fixed number of
// decimals; as Int32 words a 12-million-row measure takes 48 MB instead of 96, at load, in
// memory and in a reopen. A value is kept this way only when it comes back identical to the
// bit (`encode` checks `Double(m) / 10^d == v`, the very expression that `value` computes),
// so no figure can change; any other value makes the load keep the measure as Double.
import Synchronization

public final class ScaledValues: @unchecked Sendable {
    /// Decimals: a word `m` is the value `m / 10^decimals`.
    public let decimals: Int
    public let divisor: Double
    public let count: Int
    private let source: Source
    private enum Source { case ready([Int32]), deferred(DeferredColumn<Int32>) }
    // Doubles for the readers that want an array of them, made once (then both are kept:
    // a hot loop may be reading the words meanwhile).
    private let lock = Mutex<[Double]?>(nil)

    /// The word that stands for a missing value.
    public static let missing = Int32.min
    /// Decimals a measure may be kept with (10^4: hundredths of a percent, ten-thousandths).
    public static let maxDecimals = 4

    public init(words: [Int32], decimals: Int) {
        self.decimals = decimals; divisor = Self.power(decimals); count = words.count; source = .ready(words)
    }

    /// Words a workspace reads on first use.
    init(deferred: DeferredColumn<Int32>, decimals: Int) {
        self.decimals = decimals; divisor = Self.power(decimals); count = deferred.count; source = .deferred(deferred)
    }

    private static let powers: [Double] = [1, 10, 100, 1000, 10_000]
    static func power(_ d: Int) -> Double { powers[d] }

    public var words: [Int32] {
        switch source { case .ready(let w): return w; case .deferred(let d): return d.values }
    }
    var deferredWords: DeferredColumn<Int32>? { if case .deferred(let d) = source { return d }; return nil }
    public var isLoaded: Bool { deferredWords?.isLoaded ?? true }

    /// The values as doubles, bit for bit what was read.
    public var values: [Double] {
        lock.withLock { cached in
            if let cached { return cached }
            let v = Self.widen(words, divisor)
            cached = v
            return v
        }
    }

    static func widen(_ w: [Int32], _ divisor: Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: w.count) { out, n in
            w.withUnsafeBufferPointer { w in for k in 0..<w.count { out[k] = value(w[k], divisor) } }
            n = w.count
        }
    }

    @inline(__always) public static func value(_ w: Int32, _ divisor: Double) -> Double {
        w == missing ? .nan : Double(w) / divisor
    }

    /// The word for `v` at this divisor, if `v` comes back from it identical (NaN: `missing`).
    @inline(__always) public static func encode(_ v: Double, _ divisor: Double) -> Int32? {
        if v.isNaN { return missing }
        // The nearest whole number by truncating ± 0.5 (one instruction, where `rounded()`
        // is a call into libm: 5 % of a load); which way a half goes does not matter, as the
        // word is kept only if it gives `v` back.
        let t = v * divisor
        guard t > -2_147_483_647.5, t < 2_147_483_647.5 else { return nil }
        let w = Int32(t + (t < 0 ? -0.5 : 0.5))
        return (Double(w) / divisor).bitPattern == v.bitPattern ? w : nil
    }

    /// The fewest decimals (up to `maxDecimals`) that keep every value of `sample`, if any.
    public static func decimals(for sample: some Sequence<Double>) -> Int? {
        var d = 0, largest = 0.0
        for v in sample {
            while d <= maxDecimals && encode(v, power(d)) == nil { d += 1 }
            if d > maxDecimals { return nil }
            if !v.isNaN { largest = Swift.max(largest, abs(v)) }
            // More decimals for this value must still keep the largest one seen before.
            if encode(largest, power(d)) == nil { return nil }
        }
        return d
    }
}

/// A measure's values for a hot loop: doubles, or a scaled measure's words made doubles as
/// they are read (the test is the same on every row, so the branch predicts perfectly).
public struct MeasureReader {
    let doubles: UnsafePointer<Double>?
    let words: UnsafePointer<Int32>?
    let divisor: Double
    public let count: Int
    @inline(__always) public subscript(k: Int) -> Double {
        assert(k >= 0 && k < count)   // unchecked in release, as UnsafeBufferPointer is
        if let words { return ScaledValues.value(words[k], divisor) }
        return doubles.unsafelyUnwrapped[k]
    }
}

extension Measure {
    /// Reads the values without making a scaled measure's words doubles; valid inside `body` only.
    public func withReader<R, E: Error>(_ body: (MeasureReader) throws(E) -> R) throws(E) -> R {
        if let s = scaled {
            let w = s.words
            return try w.withUnsafeBufferPointer { (b) throws(E) -> R in
                try body(MeasureReader(doubles: nil, words: b.baseAddress, divisor: s.divisor, count: b.count))
            }
        }
        let v = values
        return try v.withUnsafeBufferPointer { (b) throws(E) -> R in
            try body(MeasureReader(doubles: b.baseAddress, words: nil, divisor: 1, count: b.count))
        }
    }
}
