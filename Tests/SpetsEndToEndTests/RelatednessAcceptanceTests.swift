// RelatednessAcceptanceTests.swift — the relatedness issue's statements on the worked examples: C7 and C8
// values (density conventions, ECI/PCI, COI, COG) reproduced through the language.
import Foundation
import XCTest

final class RelatednessAcceptanceTests: XCTestCase {
    var shared: String { Binary.root + "/../shared" }

    func testC7C8ThroughStatements() throws {
        let r = try Binary.run(["--format", "csv", "-c", """
            load "\(Examples.dir)/worked-panel.csv" as w
            density w.employment in 2022
            density w.employment in 2022 convention atlas
            density w.employment in 2022 convention econgeo
            complexity w.employment in 2022 regions
            complexity w.employment in 2022 industries
            complexity w.employment in 2022 regions convention atlas
            complexity w.employment in 2022 industries convention atlas
            complexity w.employment in 2022 regions convention reflections
            complexity w.employment in 2022 industries convention economic-complexity
            opportunities NB on w.employment in 2022
            """], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        let b = CSVOutput.blocks(r.out, keys: ["region", "industry"])
        XCTAssertEqual(b.count, 10)
        let e = try CSVOutput.expected()
        let c7 = e["C7_relatedness"] as! [String: Any], c8 = e["C8_complexity"] as! [String: Any]
        func flat(_ k: String) -> [Double] { (c7[k] as! [[Double]]).flatMap { $0 } }
        func v(_ k: String) -> [Double] { c8[k] as! [Double] }
        CSVOutput.close(b[0]["density"], flat("density_diag0"), "density φ_jj = 0")
        CSVOutput.close(b[1]["density"], flat("density_diag1"), "density φ_jj = 1")
        CSVOutput.close(b[2]["density"], flat("density_prob_x100"), "EconGeo density")
        CSVOutput.close(b[3]["eci"], v("eci_z_own"), "ECI")
        CSVOutput.close(b[4]["pci"], v("pci_z_own"), "PCI")
        CSVOutput.close(b[5]["eci"], v("eci_growthlab"), "ECI Growth Lab")
        CSVOutput.close(b[6]["pci"], v("pci_growthlab"), "PCI Growth Lab")
        CSVOutput.close(b[7]["eci"], v("mor_kc18_z"), "ECI reflections")
        CSVOutput.close(b[8]["pci"], v("mor_kp19_z_sample"), "PCI economic-complexity")
        let cogNB = (c8["cog_atlas"] as! [[Double]])[0]
        CSVOutput.close(b[9]["cog"], [cogNB[2], cogNB[3], cogNB[4]], "COG Atlas, NB's open activities")
    }
}
