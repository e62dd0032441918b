// TextMetrics.swift — how wide a label will be without a font engine (a per-character
// estimate on the generous side, so estimated boxes never undershoot), truncation with an
// ellipsis, and a greedy placer that puts labels where they overlap nothing.

public enum TextMetrics {
    /// Estimated width in pixels of `s` at `size` px in a sans-serif face.
    public static func width(_ s: String, size: Double) -> Double {
        var em = 0.0
        for ch in s {
            switch ch {
            case "i", "l", "j", "'", ".", ",", ":", ";", "|", "!", "I": em += 0.32
            case "f", "t", "r", " ", "(", ")", "[", "]", "-", "/": em += 0.42
            case "m", "w", "M", "W", "%", "@": em += 0.95
            case "–", "—", "…": em += 0.9
            default:
                if ch.isUppercase { em += 0.72 } else if ch.isNumber { em += 0.64 } else { em += 0.62 }
            }
        }
        return em * size
    }

    /// `s` cut to fit `maxWidth`, ending in `…` when cut.
    public static func fit(_ s: String, size: Double, maxWidth: Double) -> String {
        if width(s, size: size) <= maxWidth { return s }
        var out = ""
        for ch in s {
            if width(out + String(ch) + "…", size: size) > maxWidth { break }
            out.append(ch)
        }
        while out.last == " " { out.removeLast() }
        return out.isEmpty ? "" : out + "…"
    }
}

/// An axis-aligned box in pixels.
public struct Box: Equatable {
    public var x0, y0, x1, y1: Double
    func overlaps(_ o: Box) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }
    func inside(_ o: Box) -> Bool { x0 >= o.x0 && x1 <= o.x1 && y0 >= o.y0 && y1 <= o.y1 }
    func hits(circle c: (Double, Double, Double)) -> Bool {
        let nx = max(x0, min(c.0, x1)), ny = max(y0, min(c.1, y1))
        return (nx - c.0) * (nx - c.0) + (ny - c.1) * (ny - c.1) < c.2 * c.2
    }
}

/// Places labels next to points (in priority order) so that no two overlap and none leaves
/// the frame; a label that finds no free place is left out (and counted).
struct LabelPlacer {
    let frame: Box
    var placed: [Box] = []
    let size: Double

    init(frame: Box, size: Double, reserved: [Box] = []) { self.frame = frame; self.size = size; placed = reserved }

    /// Where the text's baseline starts and its anchor, or nil when nothing is free.
    /// `circles` are the marks: a spot covering fewer of them wins.
    mutating func place(_ text: String, at p: (Double, Double), radius r: Double, circles: [(Double, Double, Double)]) -> (Double, Double, SVG.Anchor)? {
        let w = TextMetrics.width(text, size: size), h = size * 1.15
        let g = r + 3
        // right, left, above, below, then the four diagonals
        let candidates: [(Double, Double, SVG.Anchor)] = [
            (p.0 + g, p.1 + size * 0.35, .start), (p.0 - g, p.1 + size * 0.35, .end),
            (p.0, p.1 - g - 2, .middle), (p.0, p.1 + g + size * 0.9, .middle),
            (p.0 + g * 0.75, p.1 - g * 0.75 - 1, .start), (p.0 - g * 0.75, p.1 - g * 0.75 - 1, .end),
            (p.0 + g * 0.75, p.1 + g * 0.75 + size * 0.8, .start), (p.0 - g * 0.75, p.1 + g * 0.75 + size * 0.8, .end),
        ]
        var best: (Int, Int, Box)? = nil
        for (k, c) in candidates.enumerated() {
            let x0 = c.2 == .start ? c.0 : c.2 == .end ? c.0 - w : c.0 - w / 2
            let b = Box(x0: x0, y0: c.1 - size * 0.9, x1: x0 + w, y1: c.1 - size * 0.9 + h)
            guard b.inside(frame), !placed.contains(where: { $0.overlaps(b) }) else { continue }
            let cover = circles.filter { b.hits(circle: $0) }.count
            if best == nil || cover < best!.0 { best = (cover, k, b) }
            if cover == 0 { break }
        }
        guard let (_, k, b) = best else { return nil }
        placed.append(b)
        return candidates[k]
    }
}
