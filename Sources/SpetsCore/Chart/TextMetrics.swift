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
/// the frame: beside the mark first, then on two rings further out (the chart draws a leader
/// line to those), and only when no free spot exists anywhere, the spot beside the mark that
/// covers the fewest other marks. A label that finds no place is left out (and counted).
struct LabelPlacer {
    let frame: Box
    var placed: [Box] = []
    let size: Double

    init(frame: Box, size: Double, reserved: [Box] = []) { self.frame = frame; self.size = size; placed = reserved }

    struct Placement {
        var x: Double, y: Double
        var anchor: SVG.Anchor
        var box: Box
        /// Placed off its mark: draw a leader line from the mark to the label.
        var far: Bool
    }

    /// Where the text's baseline starts and its anchor, or nil when nothing is free.
    /// `circles` are the marks: a spot covering fewer of them wins.
    mutating func place(_ text: String, at p: (Double, Double), radius r: Double, circles: [(Double, Double, Double)]) -> Placement? {
        let w = TextMetrics.width(text, size: size), h = size * 1.15
        func ring(_ g: Double) -> [(Double, Double, SVG.Anchor)] {
            // right, left, above, below, then the four diagonals
            [(p.0 + g, p.1 + size * 0.35, .start), (p.0 - g, p.1 + size * 0.35, .end),
             (p.0, p.1 - g - 2, .middle), (p.0, p.1 + g + size * 0.9, .middle),
             (p.0 + g * 0.75, p.1 - g * 0.75 - 1, .start), (p.0 - g * 0.75, p.1 - g * 0.75 - 1, .end),
             (p.0 + g * 0.75, p.1 + g * 0.75 + size * 0.8, .start), (p.0 - g * 0.75, p.1 + g * 0.75 + size * 0.8, .end)]
        }
        func box(_ c: (Double, Double, SVG.Anchor)) -> Box {
            let x0 = c.2 == .start ? c.0 : c.2 == .end ? c.0 - w : c.0 - w / 2
            return Box(x0: x0, y0: c.1 - size * 0.9, x1: x0 + w, y1: c.1 - size * 0.9 + h)
        }
        var fallback: (cover: Int, Placement)? = nil
        for (k, g) in [r + 3, r + 18, r + 34].enumerated() {
            for c in ring(g) {
                let b = box(c)
                guard b.inside(frame), !placed.contains(where: { $0.overlaps(b) }) else { continue }
                let cover = circles.filter { b.hits(circle: $0) }.count
                let spot = Placement(x: c.0, y: c.1, anchor: c.2, box: b, far: k > 0)
                if cover == 0 { placed.append(b); return spot }
                if k == 0, fallback == nil || cover < fallback!.cover { fallback = (cover, spot) }
            }
        }
        guard let (_, spot) = fallback else { return nil }
        placed.append(spot.box)
        return spot
    }

    /// The leader line of a label placed off its mark: from the mark's edge to the label's
    /// nearest edge.
    static func leader(from p: (Double, Double), radius r: Double, to b: Box) -> (Double, Double, Double, Double) {
        let nx = max(b.x0, min(p.0, b.x1)), ny = max(b.y0, min(p.1, b.y1))
        let dx = nx - p.0, dy = ny - p.1, d = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        return (p.0 + dx / d * r, p.1 + dy / d * r, nx, ny)
    }
}
