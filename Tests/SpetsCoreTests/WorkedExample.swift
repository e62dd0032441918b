// WorkedExample.swift — the worked example of ../shared/examples (invented numbers, verified
// against REAT and EconGeo) as a fixture, with its C1 golden values to 15 significant digits.
import Foundation

enum WorkedExample {
    /// The panel (Tests/Fixtures/worked-panel.csv): 4 regions x 5 industries x 2015, 2019, 2022.
    static let panelFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/worked-panel.csv").path

    static let regions = ["NB", "VB", "JH", "RS"]
    static let industries = ["MIN", "WOOD", "MACH", "ICT", "TOUR"]

    /// C1: LQ of 2022 employment, nation = sum of all four regions.
    static let lq2022: [[Double]] = [
        [14.0153400754559, 1.39089313572543, 0.832134245936066, 0.342381912442396, 0.655619094839112],
        [2.465584204319, 1.57772952709153, 0.86111404554578, 1.17534089345897, 0.524258055031909],
        [0.500461928874648, 2.5788233246068, 0.495232970399719, 0.305645655742568, 2.09279686093525],
        [0.534897382696298, 0.935769082139432, 1.02002184580848, 1.0260986978396, 1.01098153443822],
    ]

    /// C1: LQ against the rest of the nation (region excluded).
    static let lqRest2022: [[Double]] = [
        [23.0121189294576, 1.40741869918699, 0.827959346353129, 0.335749612102405, 0.648906413285474],
        [2.61522343238761, 1.61413702631123, 0.85647000109172, 1.18344222039661, 0.514698228714583],
        [0.496344856859878, 2.64825040891362, 0.491116623573213, 0.302161824605808, 2.13147413435768],
        [0.0872050237943384, 0.54756023792721, 1.30940008600917, 1.44130525437865, 1.15042959079656],
    ]

    static func panelPath() -> String { panelFile }
}

/// Temporary files for tests (one directory per test process).
enum Fixture {
    static let dir: String = {
        let d = NSTemporaryDirectory() + "spets-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    @discardableResult
    static func write(_ name: String, _ text: String) -> String {
        let p = dir + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    static func writeBytes(_ name: String, _ bytes: [UInt8]) -> String {
        let p = dir + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
}
