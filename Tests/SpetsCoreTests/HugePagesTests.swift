// HugePagesTests.swift — huge pages are asked for except where a balloon hands free pages
// back to the host (they would come back cold); read from sysfs' feature bits.
import XCTest
import Glibc
@testable import SpetsCore

final class HugePagesTests: XCTestCase {
    /// A folder shaped like /sys/bus/virtio/drivers/virtio_balloon with the given devices.
    private func drivers(_ devices: [String: String]) throws -> String {
        var template = Array("\(NSTemporaryDirectory())/spets-balloon-XXXXXX".utf8CString)
        let dir = try XCTUnwrap(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        for (name, features) in devices {
            mkdir("\(dir)/\(name)", 0o755)
            try FileIO.write("\(dir)/\(name)/features", features + "\n")
        }
        FileManager.default.createFile(atPath: "\(dir)/bind", contents: nil)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testFreePageReportingIsReadFromFeatureBitFive() throws {
        // This machine kind's balloon: bits 1, 2, 5 and 32.
        let firecracker = "0110010" + String(repeating: "0", count: 25) + "1" + String(repeating: "0", count: 95)
        XCTAssertTrue(HugePages.freePagesGoBackToHost(drivers: try drivers(["virtio0": firecracker])))
        // A balloon without reporting (bits 1 and 2), and one of two devices reporting.
        XCTAssertFalse(HugePages.freePagesGoBackToHost(drivers: try drivers(["virtio0": "0110000000"])))
        XCTAssertTrue(HugePages.freePagesGoBackToHost(drivers: try drivers(["virtio0": "0110000000", "virtio3": "0000010000"])))
        // No balloon bound, a short or unreadable feature string, entries that are not devices.
        XCTAssertFalse(HugePages.freePagesGoBackToHost(drivers: "/nonexistent/virtio_balloon"))
        XCTAssertFalse(HugePages.freePagesGoBackToHost(drivers: try drivers([:])))
        XCTAssertFalse(HugePages.freePagesGoBackToHost(drivers: try drivers(["virtio0": "01100"])))
        XCTAssertFalse(HugePages.freePagesGoBackToHost(drivers: try drivers(["module": "0000010000"])))
    }

    func testColumnsAreTheSameWithAndWithoutHugePages() throws {
        let was = HugePages.inUse
        defer { HugePages.inUse = was }
        var made: [[Double]] = []
        for on in [true, false] {
            HugePages.inUse = on
            made.append(HugePages.array(3 << 20) { (p: UnsafeMutablePointer<Double>) in
                for k in 0..<(3 << 20) { p[k] = Double(k) / 3 }
            })
        }
        XCTAssertEqual(made[0], made[1])
        XCTAssertEqual(made[0][(3 << 20) - 1], Double((3 << 20) - 1) / 3)
    }
}
