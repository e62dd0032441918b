// ByteInterner.swift — dictionary encoding of byte strings without making a String per cell:
// an open-addressing hash table over an arena of bytes.

public struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var slots: [Int32]
    private var mask: Int
    // The last value seen: consecutive rows repeat codes (files are sorted by region).
    private var lastLength = -1, lastCode: Int32 = -1

    public init() {
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    public var count: Int { starts.count }

    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private func equals(_ code: Int32, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = Int(starts[Int(code)]), l = Int(lengths[Int(code)])
        if l != n { return false }
        return arena.withUnsafeBufferPointer { a in
            for i in 0..<n where a[s + i] != p[i] { return false }
            return true
        }
    }

    /// The last value's bytes as a word, when it has at most 8.
    private var lastWord: UInt64 = 0

    @inline(__always)
    private static func word(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var w: UInt64 = 0
        for i in 0..<n { w |= UInt64(p[i]) << UInt64(i &* 8) }
        return w
    }

    /// As `intern`, for bytes followed by at least 8 - n readable bytes: a code of up to 8
    /// bytes equal to the last one is recognised with one load and one compare.
    @inline(__always)
    public mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int, readable: Bool) -> Int32 {
        if n == lastLength && n <= 8 && readable && lastCode >= 0 {
            let w = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let mask: UInt64 = n == 8 ? ~0 : (1 << UInt64(n &* 8)) &- 1
            if w.littleEndian & mask == lastWord { return lastCode }
        }
        return other(p, n)
    }

    /// The code of these bytes, adding them if new.
    @inline(__always)
    public mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if lastCode >= 0 && lastLength == n && equals(lastCode, p, n) { return lastCode }
        return other(p, n)
    }

    /// A code other than the last one (kept out of line, so the check above inlines small).
    @inline(never)
    private mutating func other(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let code = lookUp(p, n)
        lastCode = code; lastLength = n
        lastWord = n <= 8 ? Self.word(p, n) : 0
        return code
    }

    private mutating func lookUp(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        var i = Self.hash(p, n) & mask
        while true {
            let c = slots[i]
            if c < 0 { break }
            if equals(c, p, n) { return c }
            i = (i + 1) & mask
        }
        let code = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(n))
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        slots[i] = code
        if starts.count * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { a in
            for code in 0..<starts.count {
                var i = Self.hash(a.baseAddress! + Int(starts[code]), Int(lengths[code])) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(code)
            }
        }
    }

    /// The bytes of a code.
    public func withBytes<R>(_ code: Int32, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        arena.withUnsafeBufferPointer { a in
            let s = Int(starts[Int(code)])
            return body((a.baseAddress ?? UnsafePointer(bitPattern: 1)!) + s, Int(lengths[Int(code)]))
        }
    }

    /// The decoded strings, in code order; `fallback` is true if any needed Windows-1252.
    public func strings() -> (values: [String], fallback: Bool) {
        var out: [String] = []
        out.reserveCapacity(starts.count)
        var fb = false
        arena.withUnsafeBufferPointer { a in
            for code in 0..<starts.count {
                let (s, f) = Text.decode(UnsafeBufferPointer(rebasing: a[Int(starts[code])..<Int(starts[code] + lengths[code])]))
                out.append(s)
                fb = fb || f
            }
        }
        return (out, fb)
    }
}
