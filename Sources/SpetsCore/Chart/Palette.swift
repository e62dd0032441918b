// Palette.swift — colours that people with the common colour-vision deficiencies can tell
// apart: Okabe & Ito's qualitative set and a blue–white–red diverging ramp (ColorBrewer RdBu).

public enum Palette {
    public static let ink = "#1a1a1a"
    public static let muted = "#595959"
    public static let grid = "#e3e3e3"
    public static let reference = "#7f7f7f"

    /// Okabe-Ito, without black (used for text) and yellow (too light on white).
    public static let categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#6A3D9A"]

    public static func category(_ i: Int) -> String { categorical[((i % categorical.count) + categorical.count) % categorical.count] }

    /// RdBu, 11 classes, from the low end (blue) to the high end (red).
    static let diverging: [(Double, Double, Double)] = [
        (5, 48, 97), (33, 102, 172), (67, 147, 195), (146, 197, 222), (209, 229, 240), (247, 247, 247),
        (253, 219, 199), (244, 165, 130), (214, 96, 77), (178, 24, 43), (103, 0, 31),
    ]

    /// t in −1…1 (0 = the neutral middle) to a colour of the diverging ramp, interpolated.
    public static func diverging(_ t: Double) -> String {
        let c = max(-1, min(1, t.isFinite ? t : 0))
        let pos = (c + 1) / 2 * Double(diverging.count - 1)
        let i = min(Int(pos), diverging.count - 2)
        let f = pos - Double(i)
        let a = diverging[i], b = diverging[i + 1]
        return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// t in 0…1 along white → dark blue (sequential data without a meaningful middle).
    public static func sequential(_ t: Double) -> String { diverging(-max(0, min(1, t.isFinite ? t : 0))) }

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [r, g, b] {
            let x = Int(max(0, min(255, v.rounded())))
            s.append(digits[x / 16]); s.append(digits[x % 16])
        }
        return s
    }

    /// Black or white, whichever reads on the background (relative luminance).
    static func textOn(_ fill: String) -> String {
        let h = Array(fill.utf8.dropFirst())
        guard h.count == 6 else { return ink }
        func v(_ i: Int) -> Double {
            func d(_ c: UInt8) -> Int { c >= 97 ? Int(c) - 87 : c >= 65 ? Int(c) - 55 : Int(c) - 48 }
            return Double(d(h[i]) * 16 + d(h[i + 1])) / 255
        }
        let l = 0.2126 * v(0) + 0.7152 * v(2) + 0.0722 * v(4)
        return l < 0.45 ? "#ffffff" : ink
    }
}
