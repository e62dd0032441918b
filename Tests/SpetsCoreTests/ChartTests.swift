// ChartTests.swift — charts are valid XML, the same bytes every time, legible with one item
// and with three hundred (no two labels overlap, none leaves the frame), and their scales,
// Lorenz curve and terminal bars are right by hand.
import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif
@testable import SpetsCore

final class ChartTests: XCTestCase {
    let dim = Dimension(name: "industry", role: .industry, labels: (0..<300).map { String(format: "%03d", $0) },
                        names: (0..<300).map { "Industry number \($0) with a long descriptive name" })

    func portfolio(_ n: Int) -> Table {
        var lq: [Double] = [], growth: [Double] = [], nat: [Double] = [], size: [Double] = []
        for i in 0..<n {
            let t = Double(i)
            lq.append(0.3 + (t * 0.37).truncatingRemainder(dividingBy: 3))
            growth.append(((t * 0.013).truncatingRemainder(dividingBy: 0.2)) - 0.1)
            nat.append(0.01)
            size.append(100 + (t * 977).truncatingRemainder(dividingBy: 5000))
        }
        return Table(columns: [Column("industry", .coded(CodeColumn((0..<n).map(Int32.init)), dim), kind: .key),
                               Column("employment", .number(size), unit: "persons"),
                               Column("lq", .number(lq)), Column("growth", .number(growth)), Column("national_growth", .number(nat))],
                     footer: ["portfolio of Testlän, employment 2010→2023: size and LQ", "reference: sum of the regions"])
    }

    func bars(_ n: Int) -> Table {
        Table(columns: [Column("industry", .coded(CodeColumn((0..<n).map(Int32.init)), dim), kind: .key),
                        Column("lq", .number((0..<n).map { 0.5 + Double($0 % 7) * 0.3 }), decimals: 3)],
              footer: ["LQ = (x[r,i] / x[r,·]) / (N[i] / N), employment 2023"])
    }

    /// Parses the SVG and returns its <text> elements (x, y, anchor, size, content).
    func texts(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> [(x: Double, y: Double, anchor: String, size: Double, text: String, rotated: Bool)] {
        final class Collector: NSObject, XMLParserDelegate {
            var out: [(Double, Double, String, Double, String, Bool)] = []
            var current: [String: String]? = nil
            var chars = ""
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
                if e == "text" { current = a; chars = "" }
            }
            func parser(_ p: XMLParser, foundCharacters s: String) { if current != nil { chars += s } }
            func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
                if e == "text", let a = current {
                    out.append((Double(a["x"]!)!, Double(a["y"]!)!, a["text-anchor"] ?? "start", Double(a["font-size"]!)!, chars, a["transform"] != nil))
                    current = nil
                }
            }
        }
        let p = XMLParser(data: Data(svg.utf8))
        let c = Collector()
        p.delegate = c
        XCTAssertTrue(p.parse(), "not well-formed XML: \(p.parserError.map { "\($0)" } ?? "")", file: file, line: line)
        return c.out.map { (x: $0.0, y: $0.1, anchor: $0.2, size: $0.3, text: $0.4, rotated: $0.5) }
    }

    func box(_ t: (x: Double, y: Double, anchor: String, size: Double, text: String, rotated: Bool)) -> Box {
        let w = TextMetrics.width(t.text, size: t.size)
        let x0 = t.anchor == "start" ? t.x : t.anchor == "end" ? t.x - w : t.x - w / 2
        return Box(x0: x0, y0: t.y - t.size * 0.9, x1: x0 + w, y1: t.y - t.size * 0.9 + t.size * 1.15)
    }

    func testEveryKindIsValidAndDeterministic() throws {
        var o = ChartOptions()
        o.targets = [ChartTarget(name: "g", op: ">=", value: 130, year: 2030)]
        let line = Table(columns: [Column("scenario", .text(["base", "base", "base", "push", "push", "push"]), kind: .key),
                                   Column("year", .number([2022, 2023, 2030, 2022, 2023, 2030]), kind: .key),
                                   Column("value", .number([100, 110, 120, 100, 110, 125])),
                                   Column("lower", .number([.nan, .nan, 115, .nan, .nan, .nan])),
                                   Column("upper", .number([.nan, .nan, 125, .nan, .nan, .nan])),
                                   Column("kind", .text(["observed", "observed", "projected", "observed", "observed", "projected"]))],
                         footer: ["projection of x for R to 2030, method trend"])
        var stacked = Table(columns: [Column("region", .text(["A", "B"]), kind: .key), Column("national_share", .number([10, -3])),
                                      Column("industry_mix", .number([-4, 2])), Column("change", .number([6, -1]))])
        stacked.parts = ColumnParts(components: ["national_share", "industry_mix"], total: "change")
        let heat = Table(columns: [Column("region", .text(["A", "A", "B", "B"]), kind: .key), Column("industry", .text(["x", "y", "x", "y"]), kind: .key),
                                   Column("lq", .number([0.5, 2, 0, 1.2]))])
        let lorenz = Table(columns: [Column("region", .text(["A", "B"]), kind: .key), Column("cum_total", .number([0.4, 1])), Column("cum_industry", .number([0.1, 1]))])
        let quadrant = Table(columns: [Column("industry", .text(["a", "b", "c"]), kind: .key), Column("density", .number([0.1, 0.5, 0.3])),
                                       Column("pci", .number([1, -1, 0.2])), Column("quadrant", .text(["high", "low", "high"]))])
        let inputs: [(String, Table)] = [("bubble", portfolio(20)), ("bars", bars(10)), ("stacked", stacked), ("line", line),
                                         ("heatmap", heat), ("lorenz", lorenz), ("quadrant", quadrant)]
        XCTAssertEqual(Set(inputs.map(\.0)), Set(ChartKind.all.map(\.name)), "every kind is tested")
        for (kind, t) in inputs {
            let a = try ChartKind.named(kind)!.render(t, o), b = try ChartKind.named(kind)!.render(t, o)
            XCTAssertEqual(a, b, "\(kind): same input, same bytes")
            XCTAssertTrue(a.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), kind)
            let ts = texts(a)
            XCTAssertFalse(ts.isEmpty, kind)
            XCTAssertFalse(a.contains("nan") || a.contains("inf"), "\(kind): no non-finite coordinates")
        }
    }

    func testBubbleLabelsNeverOverlapWithOneOrThreeHundredItems() throws {
        for n in [1, 300] {
            let svg = try ChartKind.named("bubble")!.render(portfolio(n), ChartOptions())
            let labels = texts(svg).filter { $0.text.contains("Industry number") }
            XCTAssertGreaterThan(labels.count, 0, "n = \(n): some labels shown")
            // Coordinates are printed to 0.1 px: boxes that touch may seem to overlap by that.
            let boxes = labels.map(box).map { Box(x0: $0.x0 + 0.1, y0: $0.y0 + 0.1, x1: $0.x1 - 0.1, y1: $0.y1 - 0.1) }
            for i in boxes.indices { for j in boxes.indices where j > i { XCTAssertFalse(boxes[i].overlaps(boxes[j]), "n = \(n): \(labels[i].text) / \(labels[j].text)") } }
            let svgWidth = 16 + 72 + 820 + 28.0
            for b in boxes { XCTAssertTrue(b.x0 >= 72 && b.x1 <= svgWidth - 28, "n = \(n): label inside the frame") }
            if n == 300 { XCTAssertTrue(svg.contains("labels: "), "the thinning is said") }
        }
    }

    func testBarsThinLabelsWithManyRows() throws {
        for n in [1, 300] {
            let svg = try ChartKind.named("bars")!.render(bars(n), ChartOptions())
            let rowLabels = texts(svg).filter { $0.anchor == "end" && $0.size == 11.5 }
            XCTAssertGreaterThan(rowLabels.count, 0)
            let ys = rowLabels.map(\.y).sorted()
            for k in ys.indices.dropFirst() { XCTAssertGreaterThanOrEqual(ys[k] - ys[k - 1], 11.5, "n = \(n): labels at least a line apart") }
            if n == 300 { XCTAssertLessThan(rowLabels.count, 300); XCTAssertTrue(svg.contains("labels: every")) }
        }
    }

    /// The LQ = 1 line is drawn over the bars; a share's bars have a percent axis and labels;
    /// a title names the measure, not the dataset (`se.employment` → `employment`).
    func testBarsReferenceLineOnTopPercentAxesAndTitles() throws {
        let svg = try ChartKind.named("bars")!.render(bars(6), ChartOptions())
        let lastBar = try XCTUnwrap(svg.range(of: "fill=\"\(Palette.category(0))\"", options: .backwards)).lowerBound
        let reference = try XCTUnwrap(svg.range(of: "stroke=\"\(Palette.reference)\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"")).lowerBound
        XCTAssertGreaterThan(reference, lastBar, "the reference line comes after (over) the bars")
        var share = Column("share", .number([0.485, 0.25]))
        share.isShare = true
        let t = Table(columns: [Column("industry", .coded([0, 1], dim), kind: .key), share], footer: ["share of se.employment in kis, 2023"])
        let shares = try ChartKind.named("bars")!.render(t, ChartOptions())
        let words = texts(shares).map(\.text)
        XCTAssertTrue(words.contains("48.5%") && words.contains("share (%)") && words.contains("40%"), "\(words)")
        XCTAssertTrue(words.contains("Share of employment in kis, 2023"), "\(words)")
        XCTAssertEqual(ChartData.withoutDatasets("projection of kis_share (share se.employment of kis), o.d. 1.5"), "projection of kis_share (share employment of kis), o.d. 1.5")
        XCTAssertEqual(ChartData.withoutDatasets("dataset se (demo-counties.csv), data/w.csv"), "dataset se (demo-counties.csv), data/w.csv", "file names stay")
    }

    /// One point far beyond the rest is drawn at the edge and named; the others keep the axis.
    func testAnOutlierIsDrawnAtTheEdgeAndNamed() throws {
        var t = portfolio(30)
        if case .number(var g) = t.columns[3].values { g[7] = 6.0; t.columns[3].values = .number(g) }
        let svg = try ChartKind.named("bubble")!.render(t, ChartOptions())
        let words = texts(svg).map(\.text).joined(separator: "\n")
        XCTAssertTrue(words.contains("at the edge, beyond the axis: 007 Industry number 7"), words)
        XCTAssertFalse(words.contains("600"), "the axis is not stretched to the outlier")
    }

    func testHeatmapWithManyColumnsKeepsLabelsApart() throws {
        let n = 300
        let t = Table(columns: [Column("region", .text(Array(repeating: "R1", count: n) + Array(repeating: "R2", count: n)), kind: .key),
                                Column("industry", .coded(CodeColumn((0..<(2 * n)).map { Int32($0 % n) }), dim), kind: .key),
                                Column("lq", .number((0..<(2 * n)).map { 0.2 + Double($0 % 9) * 0.4 }))])
        let svg = try ChartKind.named("heatmap")!.render(t, ChartOptions())
        let cols = texts(svg).filter(\.rotated).map(\.x).sorted()
        XCTAssertLessThan(cols.count, n)
        for k in cols.indices.dropFirst() { XCTAssertGreaterThanOrEqual(cols[k] - cols[k - 1], 12) }
    }

    func testLabelPlacerProperty() {
        // Random points: whatever is placed is inside the frame and overlaps nothing placed.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let frame = Box(x0: 0, y0: 0, x1: 400, y1: 300)
            var placer = LabelPlacer(frame: frame, size: 11)
            var boxes: [Box] = []
            for k in 0..<80 {
                let p = (Double.random(in: 0...400, using: &rng), Double.random(in: 0...300, using: &rng))
                let text = "label \(k)"
                if let spot = placer.place(text, at: p, radius: 4, circles: []) {
                    let b = box((x: spot.x, y: spot.y, anchor: spot.anchor.rawValue, size: 11, text: text, rotated: false))
                    XCTAssertTrue(b.x0 >= -0.001 && b.x1 <= 400.001 && b.y0 >= -0.001 && b.y1 <= 300.001)
                    for o in boxes { XCTAssertFalse(o.overlaps(b)) }
                    boxes.append(b)
                    // A label off its mark has a leader from the mark's edge to the label.
                    if spot.far {
                        let l = LabelPlacer.leader(from: p, radius: 4, to: spot.box)
                        XCTAssertEqual(((l.0 - p.0) * (l.0 - p.0) + (l.1 - p.1) * (l.1 - p.1)).squareRoot(), 4, accuracy: 1e-9)
                        XCTAssertTrue(l.2 >= spot.box.x0 - 1e-9 && l.2 <= spot.box.x1 + 1e-9 && l.3 >= spot.box.y0 - 1e-9 && l.3 <= spot.box.y1 + 1e-9)
                    }
                }
            }
        }
        // Points with room around them are all labelled, beside their marks.
        var placer = LabelPlacer(frame: Box(x0: 0, y0: 0, x1: 600, y1: 400), size: 11)
        for x in stride(from: 60.0, through: 540, by: 120) {
            for y in stride(from: 50.0, through: 350, by: 100) {
                let spot = placer.place("a label", at: (x, y), radius: 5, circles: [(x, y, 5)])
                XCTAssertNotNil(spot)
                XCTAssertEqual(spot?.far, false)
            }
        }
        // A crowded point whose near spots are taken is still labelled, off its mark.
        var crowd = LabelPlacer(frame: Box(x0: 0, y0: 0, x1: 600, y1: 400), size: 11)
        var placedFar = false
        for k in 0..<9 { if let s = crowd.place("label \(k)", at: (300, 200), radius: 5, circles: [(300, 200, 5)]), s.far { placedFar = true } }
        XCTAssertTrue(placedFar)
    }

    func testScaleTicksAndLabels() {
        let s = Scale(lo: 0, hi: 97, range: (0, 100))
        XCTAssertEqual(s.ticks(5), [0, 20, 40, 60, 80])
        XCTAssertEqual(s.labels([0, 20, 40], locale: .en), ["0", "20", "40"])
        XCTAssertEqual(Scale(lo: 0, hi: 1, range: (0, 1)).labels([0, 0.25, 0.5], locale: .sv), ["0,00", "0,25", "0,50"])
        var p = Scale(lo: -0.05, hi: 0.05, range: (0, 1))
        p.hundred = .percent
        XCTAssertEqual(p.labels([-0.05, 0, 0.05], locale: .en), ["-5%", "0%", "5%"])
        XCTAssertEqual(p.labels([-0.05, 0, 0.05], locale: .sv), ["-5 %", "0 %", "5 %"], "Swedish writes a space before %")
        var log = Scale(values: [0.3, 4], range: (0, 100), log: true)
        log.lo = 0.25; log.hi = 5
        XCTAssertEqual(log.ticks(), [0.25, 0.5, 1, 2, 5].filter { log.ticks().contains($0) })
        XCTAssertTrue(log.ticks().contains(1))
        XCTAssertEqual(log(1) , 100 * Foundation.log(4) / Foundation.log(20), accuracy: 1e-9)
        XCTAssertEqual(Scale.niceStep(0.37), 0.5)
        XCTAssertEqual(Scale.niceStep(1900), 2000)
    }

    func testSVGEscapesAndDropsForbiddenCharacters() {
        XCTAssertEqual(SVG.escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;")
        XCTAssertEqual(SVG.n(-0.04), "0")
        XCTAssertEqual(SVG.n(12.25), "12.3")
    }

    func testLorenzCurveByHand() throws {
        // A: X 10, Y 90; B: X 30, Y 70; C: X 60, Y 140. LQ_X = 0.4, 1.2, 1.2 (tie kept in region order).
        // cum_total 0.25, 0.5, 1; cum_industry 0.1, 0.4, 1; area 0.425; Gini 1 − 0.85 = 0.15.
        let csv = "region,industry,year,employment\nA,X,2020,10\nA,Y,2020,90\nB,X,2020,30\nB,Y,2020,70\nC,X,2020,60\nC,Y,2020,140\n"
        let cube = try CSVLoader.load(path: Fixture.write("lorenz.csv", csv), name: "d")
        let t = try Localisation.curve(cube, measure: 0, year: 2020, industry: "X", regionLevel: nil, registry: Registry())
        guard case .number(let x) = t.columns[t.columnIndex("cum_total")!].values,
              case .number(let y) = t.columns[t.columnIndex("cum_industry")!].values,
              case .number(let lq) = t.columns[t.columnIndex("lq")!].values else { return XCTFail() }
        XCTAssertEqual(t.columns[0].machineText(0), "A")
        for (a, b) in zip(x, [0.25, 0.5, 1]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        for (a, b) in zip(y, [0.1, 0.4, 1]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        for (a, b) in zip(lq, [0.4, 1.2, 1.2]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertTrue(t.footer[1].contains("= 0.1500"), t.footer[1])
        // The same Gini as `localisation`.
        let g = try Localisation.compute(cube, LocalisationRequest(measure: 0, year: 2020), registry: Registry())
        guard case .number(let gini) = g.columns[g.columnIndex("gini")!].values else { return XCTFail() }
        XCTAssertEqual(gini[0], 0.15, accuracy: 1e-12)
        XCTAssertThrowsError(try Localisation.curve(cube, measure: 0, year: 2020, industry: "Q", regionLevel: nil, registry: Registry()))
    }

    func testTerminalBarsByHand() throws {
        let t = Table(columns: [Column("industry", .text(["a", "bb", "c"]), kind: .key), Column("v", .number([4, 2, -1]), decimals: 1)])
        var s = RenderSettings()
        s.width = 40
        // width 40: label 2, value text 4 ("-1.0"), bar area 40 − 2 − 4 − 4 = 30 columns;
        // range −1…4: 6 columns left of the axis (−1 fills them), 1 for the axis, 23 for positive values.
        let out = try TerminalChart.render(t, s)
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "a  " + String(repeating: " ", count: 6) + "│" + String(repeating: "█", count: 23) + "  4.0")
        XCTAssertEqual(lines[1], "bb " + String(repeating: " ", count: 6) + "│" + String(repeating: "█", count: 11) + "▌" + String(repeating: " ", count: 11) + "  2.0")
        XCTAssertEqual(lines[2], "c  " + String(repeating: "█", count: 6) + "│" + String(repeating: " ", count: 23) + " -1.0")
        s.ascii = true
        XCTAssertFalse(try TerminalChart.render(t, s).unicodeScalars.contains { $0.value > 127 })
    }

    func testSparklines() throws {
        let t = Table(columns: [Column("year", .number([2020, 2021, 2022, 2023]), kind: .key), Column("value", .number([1, 2, 3, 8]))])
        let out = try TerminalChart.render(t, RenderSettings())
        XCTAssertTrue(out.hasPrefix("value ▁▂▃█  2020 1 → 2023 8  (min 1, max 8)\n"), out)
    }
}
