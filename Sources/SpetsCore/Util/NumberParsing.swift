// NumberParsing.swift — parsing numbers straight from bytes (the CSV hot path).
import Glibc

/// Exact powers of ten representable as Double (Clinger's fast path needs |e| ≤ 22).
private let pow10: [Double] = (0...22).map { e in var v = 1.0; for _ in 0..<e { v *= 10 }; return v }

/// 10^e for 0 ≤ e ≤ 15 without touching a global (a lazily made global costs a `swift_once`
/// check per call: 2 % of a 12-million-row load).
extension NumberParsing {
@inline(__always)
static func smallPow10(_ e: Int) -> Double {
    switch e {
    case 0: return 1
    case 1: return 10
    case 2: return 100
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    default: return 1e15
    }
}
}

public enum NumberParsing {
    /// How thousands separators and decimal marks are written in a file.
    public enum Convention: Sendable {
        case point   // 1,234.5 or 1234.5
        case comma   // 1 234,5 or 1234,5 (Swedish)
    }

    /// Parses a plain decimal number (optional sign, digits, one decimal mark, optional
    /// exponent; spaces, NBSP and the other mark as thousands separators). Returns nil when
    /// the bytes are not a number. Exact for up to 15 significant digits via Clinger's fast
    /// path; longer or extreme inputs go through strtod.
    @inline(__always)
    public static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ conv: Convention) -> Double? {
        if n == 0 { return nil }
        // Fast path: plain non-negative integers (most counts in regional statistics).
        if n <= 16 {
            var v = 0
            var k = 0
            while k < n, p[k] &- 48 < 10 { v = v &* 10 &+ Int(p[k] &- 48); k += 1 }
            if k == n && n <= 15 { return Double(v) }
            // And plain decimals (`315.3`): at most 15 digits, so the mantissa is exact and
            // one correctly rounded division gives what the general path below gives.
            if k > 0 && k < n - 1 && p[k] == (conv == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")) {
                var j = k + 1
                while j < n, p[j] &- 48 < 10 { v = v &* 10 &+ Int(p[j] &- 48); j += 1 }
                if j == n { return Double(v) / smallPow10(n - k - 1) }
            }
        }
        var i = 0
        var neg = false
        if p[0] == UInt8(ascii: "-") { neg = true; i = 1 } else if p[0] == UInt8(ascii: "+") { i = 1 }
        let decimalMark: UInt8 = conv == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")
        let groupMark: UInt8 = conv == .point ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var mant: UInt64 = 0
        var digits = 0
        var exp10 = 0
        var sawDigit = false
        var sawPoint = false
        var needSlow = false
        while i < n {
            let c = p[i]
            if c &- 48 < 10 {
                sawDigit = true
                if digits < 19 {
                    mant = mant &* 10 &+ UInt64(c &- 48)
                    if mant != 0 { digits += 1 }
                    if sawPoint { exp10 -= 1 }
                } else {
                    needSlow = true
                    if !sawPoint { exp10 += 1 }
                }
                i += 1
            } else if c == decimalMark && !sawPoint {
                sawPoint = true; i += 1
            } else if (c == groupMark || c == 32) && sawDigit && !sawPoint {
                // A group separator must be followed by exactly three digits.
                if i + 3 >= n || !(p[i+1] &- 48 < 10 && p[i+2] &- 48 < 10 && p[i+3] &- 48 < 10) { return nil }
                if i + 4 < n, p[i+4] &- 48 < 10 { return nil }
                i += 1
            } else if c == 0xC2 && i + 1 < n && p[i+1] == 0xA0 && sawDigit && !sawPoint {
                i += 2 // NBSP as thousands separator
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && sawDigit {
                i += 1
                var eneg = false
                if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) { eneg = p[i] == UInt8(ascii: "-"); i += 1 }
                var e = 0
                var any = false
                while i < n, p[i] &- 48 < 10 { e = min(e * 10 + Int(p[i] &- 48), 100000); i += 1; any = true }
                if !any || i != n { return nil }
                exp10 += eneg ? -e : e
                break
            } else {
                return nil
            }
        }
        if !sawDigit { return nil }
        if !needSlow && digits <= 15 {
            var v = Double(mant)
            if exp10 == 0 { return neg ? -v : v }
            if exp10 < 0 && exp10 >= -22 { v /= pow10[-exp10]; return neg ? -v : v }
            if exp10 > 0 && exp10 <= 22 { v *= pow10[exp10]; return neg ? -v : v }
        }
        return slow(p, n, conv)
    }

    /// strtod on a cleaned copy (separators removed, decimal mark as '.').
    private static func slow(_ p: UnsafePointer<UInt8>, _ n: Int, _ conv: Convention) -> Double? {
        var buf = [CChar]()
        buf.reserveCapacity(n + 1)
        var i = 0
        while i < n {
            let c = p[i]
            if c == 0xC2 && i + 1 < n && p[i+1] == 0xA0 { i += 2; continue }
            if c == 32 { i += 1; continue }
            if conv == .point {
                if c == UInt8(ascii: ",") { i += 1; continue }
                buf.append(CChar(bitPattern: c))
            } else {
                if c == UInt8(ascii: ".") { i += 1; continue }
                buf.append(CChar(bitPattern: c == UInt8(ascii: ",") ? UInt8(ascii: ".") : c))
            }
            i += 1
        }
        buf.append(0)
        return buf.withUnsafeBufferPointer { b -> Double? in
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(b.baseAddress!, &end)
            guard let e = end, e - UnsafeMutablePointer(mutating: b.baseAddress!) == b.count - 1 else { return nil }
            return v.isFinite ? v : nil
        }
    }

    public static func parse(_ s: String, _ conv: Convention = .point) -> Double? {
        var u = Array(s.utf8)
        return u.withUnsafeMutableBufferPointer { b in b.count == 0 ? nil : parse(b.baseAddress!, b.count, conv) }
    }

    /// Parses an unsigned integer of at most 9 digits (years); nil otherwise.
    @inline(__always)
    public static func parseInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        if n == 0 || n > 9 { return nil }
        var v = 0
        for i in 0..<n {
            let d = p[i] &- 48
            if d >= 10 { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }
}
