// SVG.swift — a small SVG writer: elements appended in drawing order, coordinates printed
// with one fixed decimal so the same chart is the same bytes. Hand-written: the document is
// a flat list of a handful of element kinds, and no package here writes SVG without
// pulling Foundation into the binary.

public struct SVG {
    public let width: Double
    public let height: Double
    var body: [String] = []

    public init(width: Double, height: Double) { self.width = width; self.height = height }

    /// Coordinates and sizes: one decimal, no `-0`, no locale.
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let s = NumberFormatting.fixed(v, decimals: 1, group: "")
        let t = s.hasSuffix(".0") ? String(s.dropLast(2)) : s
        return t == "-0" ? "0" : t
    }

    /// Text content and attribute values: XML-escaped, characters XML forbids dropped.
    static func escape(_ s: String) -> String { XMLText.escape(s) }

    public struct Style {
        var fill: String? = nil
        var stroke: String? = nil
        var strokeWidth: Double? = nil
        var opacity: Double? = nil
        var dash: String? = nil
        var attrs: String {
            var a = ""
            a += " fill=\"\(fill ?? "none")\""
            if let s = stroke { a += " stroke=\"\(s)\"" }
            if let w = strokeWidth { a += " stroke-width=\"\(n(w))\"" }
            if let o = opacity { a += " fill-opacity=\"\(NumberFormatting.fixed(o, decimals: 2, group: ""))\"" }
            if let d = dash { a += " stroke-dasharray=\"\(d)\"" }
            return a
        }
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ st: Style, title: String? = nil) {
        let open = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(w, 0)))\" height=\"\(Self.n(max(h, 0)))\"\(st.attrs)"
        body.append(title.map { open + "><title>\(Self.escape($0))</title></rect>" } ?? open + "/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, _ st: Style, title: String? = nil) {
        let open = "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\"\(st.attrs)"
        body.append(title.map { open + "><title>\(Self.escape($0))</title></circle>" } ?? open + "/>")
    }

    /// A polyline or polygon through the points (`close` fills it).
    mutating func path(_ points: [(Double, Double)], _ st: Style, close: Bool = false) {
        guard let first = points.first else { return }
        var d = "M\(Self.n(first.0)),\(Self.n(first.1))"
        for p in points.dropFirst() { d += " L\(Self.n(p.0)),\(Self.n(p.1))" }
        if close { d += " Z" }
        body.append("<path d=\"\(d)\"\(st.attrs) stroke-linejoin=\"round\"/>")
    }

    public enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 12, anchor: Anchor = .start,
                       fill: String = Palette.ink, bold: Bool = false, rotate: Double? = nil, halo: Bool = false) {
        var a = "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        // A white outline under the glyphs keeps a label readable over marks and grid lines.
        if halo { a += " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != Palette.ink { a += " fill=\"\(fill)\"" }
        if bold { a += " font-weight=\"bold\"" }
        if let r = rotate { a += " transform=\"rotate(\(Self.n(r)) \(Self.n(x)) \(Self.n(y)))\"" }
        body.append(a + ">\(Self.escape(s))</text>")
    }

    mutating func raw(_ s: String) { body.append(s) }

    /// The whole document; `title` and `desc` make it accessible (screen readers, tooltips).
    public func document(title: String, desc: String) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" role=\"img\">\n"
        out += "<title>\(Self.escape(title))</title>\n<desc>\(Self.escape(desc))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#ffffff\"/>\n"
        for e in body { out += e + "\n" }
        return out + "</svg>\n"
    }
}
