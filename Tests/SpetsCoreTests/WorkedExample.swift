// WorkedExample.swift — the worked example of ../shared/examples (invented numbers, verified
// against REAT and EconGeo) as a fixture, with its C1 golden values to 15 significant digits.
import Foundation

enum WorkedExample {
    static let panelCSV = """
region,industry,year,employment,value_added
NB,MIN,2015,6000,19200
NB,WOOD,2015,3000,3900
NB,MACH,2015,4000,3800
NB,ICT,2015,2000,1800
NB,TOUR,2015,3000,1200
VB,MIN,2015,1500,3900
VB,WOOD,2015,4000,4800
VB,MACH,2015,6000,5400
VB,ICT,2015,9000,9000
VB,TOUR,2015,3000,1260
JH,MIN,2015,200,300
JH,WOOD,2015,3000,3000
JH,MACH,2015,1500,1275
JH,ICT,2015,1000,850
JH,TOUR,2015,5000,2250
RS,MIN,2015,10000,24000
RS,WOOD,2015,60000,75000
RS,MACH,2015,180000,189000
RS,ICT,2015,200000,240000
RS,TOUR,2015,150000,72000
NB,MIN,2019,6800,
NB,WOOD,2019,2800,
NB,MACH,2019,4500,
NB,ICT,2019,2300,
NB,TOUR,2019,3400,
VB,MIN,2019,1600,
VB,WOOD,2019,3900,
VB,MACH,2019,6200,
VB,ICT,2019,10200,
VB,TOUR,2019,3300,
JH,MIN,2019,180,
JH,WOOD,2019,2850,
JH,MACH,2019,1550,
JH,ICT,2019,1150,
JH,TOUR,2019,5600,
RS,MIN,2019,9500,
RS,WOOD,2019,57000,
RS,MACH,2019,183000,
RS,ICT,2019,225000,
RS,TOUR,2019,158000,
NB,MIN,2022,7500,27000
NB,WOOD,2022,2600,3770
NB,MACH,2022,4800,5040
NB,ICT,2022,2600,2600
NB,TOUR,2022,3300,1386
VB,MIN,2022,1700,4930
VB,WOOD,2022,3800,4940
VB,MACH,2022,6400,6272
VB,ICT,2022,11500,13225
VB,TOUR,2022,3400,1496
JH,MIN,2022,150,240
JH,WOOD,2022,2700,2835
JH,MACH,2022,1600,1440
JH,ICT,2022,1300,1235
JH,TOUR,2022,5900,2773
RS,MIN,2022,9000,23400
RS,WOOD,2022,55000,74250
RS,MACH,2022,185000,212750
RS,ICT,2022,245000,343000
RS,TOUR,2022,160000,80000
"""

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

    /// Writes the panel to a temporary file and returns its path.
    static func panelPath() -> String { Fixture.write("worked-panel.csv", panelCSV) }
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
