// FetchTests.swift — `fetch` against a local HTTP server on the loopback interface that serves
// a recorded-shape JSON-stat response: the request is built from the filters, the response is
// loaded and kept in the workspace, a rerun with the server gone replays from the copy, and
// an unreachable source with no copy is a clear error.
import Foundation
import XCTest
@testable import SpetsCore

/// A one-file HTTP/1.1 server on 127.0.0.1 (any free port), recording request paths.
final class LoopbackServer: @unchecked Sendable {
    let fd: Int32
    let port: UInt16
    let body: [UInt8]
    private let lock = NSLock()
    private var _paths: [String] = []
    var paths: [String] { lock.lock(); defer { lock.unlock() }; return _paths }

    /// `redirectLoop`: every answer is a 302 back to the server itself.
    let redirectLoop: Bool

    init(body: [UInt8], redirectLoop: Bool = false) throws {
        self.body = body
        self.redirectLoop = redirectLoop
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok, listen(fd, 8) == 0 else { throw NSError(domain: "loopback", code: Int(errno)) }
        port = UInt16(bigEndian: addr.sin_port)
        Thread.detachNewThread { [self] in self.serve() }
    }

    private func serve() {
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            var buf = [UInt8](repeating: 0, count: 65536)
            let n = read(c, &buf, buf.count)
            let request = String(decoding: buf.prefix(max(n, 0)), as: UTF8.self)
            let path = request.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            lock.lock(); _paths.append(path); lock.unlock()
            if redirectLoop {
                let head = "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:\(port)/loop\(_paths.count)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                _ = Array(head.utf8).withUnsafeBytes { write(c, $0.baseAddress, $0.count) }
                close(c)
                continue
            }
            let found = path.contains("/nama_10r_3empers?")
            let payload = found ? body : Array("{\"error\": \"not found\"}".utf8)
            let head = "HTTP/1.1 \(found ? "200 OK" : "404 Not Found")\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
            _ = Array(head.utf8).withUnsafeBytes { write(c, $0.baseAddress, $0.count) }
            _ = payload.withUnsafeBytes { write(c, $0.baseAddress, $0.count) }
            close(c)
        }
    }

    func stop() { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
}

final class FetchTests: XCTestCase {
    let statement = "fetch eurostat nama_10r_3empers where geo = SE213, SE321 and nace_r2 = C, F as emp\ndescribe emp\nlq emp.value in 2022"

    func testFetchBuildsTheRequestLoadsAndReplaysOffline() throws {
        let body = Array(try Data(contentsOf: URL(fileURLWithPath: Binary.root + "/Tests/Fixtures/responses/eurostat-nama.json")))
        let server = try LoopbackServer(body: body)
        let base = "http://127.0.0.1:\(server.port)/eurostat/api/dissemination/statistics/1.0/data"
        let ws = Binary.tmp + "/fetch-\(UUID().uuidString).spetsdb"
        let r = try Binary.run([ws, "--format", "csv", "-c", statement], env: ["SPETS_EUROSTAT_URL": base])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(server.paths, ["/eurostat/api/dissemination/statistics/1.0/data/nama_10r_3empers?format=JSON&lang=en&geo=SE213&geo=SE321&nace_r2=C&nace_r2=F"])
        let all = r.out + r.err
        XCTAssertTrue(all.contains("emp: downloaded"), all)
        XCTAssertTrue(all.contains("loaded emp: 8 rows, 2 regions, 2 industries, measures value"), all)
        // Kalmar C 2022 21.25 of 27.75; nation C 33.75 of 38.75 (Västernorrland F 2022 missing).
        // Kalmar 2022: C 21.25 and F 6.5 of 27.75; both regions: C 33.75 of 44.75 (the missing
        // Västernorrland F 2021 does not touch 2022).
        let kalmarC = r.out.split(separator: "\n").first { $0.hasPrefix("SE213,C,2022,") }
        XCTAssertNotNil(kalmarC, r.out)
        if let kalmarC { XCTAssertEqual(Double(kalmarC.split(separator: ",").last!)!, (21.25 / 27.75) / (33.75 / 44.75), accuracy: 1e-12) }
        server.stop()

        // The server is gone: the same script replays from the workspace's copy.
        let again = try Binary.run([ws, "-c", "describe emp"], env: ["SPETS_EUROSTAT_URL": base])
        XCTAssertEqual(again.status, 0, again.err)
        let replay = try Binary.run([ws, "--format", "csv", "-c", statement.replacingOccurrences(of: "as emp", with: "as emp2").replacingOccurrences(of: "emp.value", with: "emp2.value").replacingOccurrences(of: "describe emp", with: "describe emp2")],
                                    env: ["SPETS_EUROSTAT_URL": base])
        XCTAssertEqual(replay.status, 0, replay.err)
        XCTAssertTrue((replay.out + replay.err).contains("emp2: from the workspace's copy of"), replay.err)
        XCTAssertEqual(replay.out, r.out, "identical tables offline")

        // `refresh` with the server gone: a warning, and the copy is used.
        let refresh = try Binary.run([ws, "-c", statement.replacingOccurrences(of: "as emp", with: "refresh as emp3").components(separatedBy: "\n")[0]],
                                     env: ["SPETS_EUROSTAT_URL": base])
        XCTAssertEqual(refresh.status, 0, refresh.err)
        XCTAssertTrue((refresh.out + refresh.err).contains("warning: the network could not reach 127.0.0.1:\(server.port)"), refresh.err)
    }

    func testUnreachableWithoutACopyAndHTTPErrorsAreClear() throws {
        let server = try LoopbackServer(body: [])
        let base = "http://127.0.0.1:\(server.port)/eurostat"
        let missing = try Binary.run(["-c", "fetch eurostat no_such_table as x\ndatasets"], env: ["SPETS_EUROSTAT_URL": base])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertFalse(missing.out.contains("│ x "), "a failed fetch binds nothing: \(missing.out)")
        XCTAssertTrue(missing.err.contains("fetch eurostat no_such_table: 127.0.0.1:\(server.port) answered HTTP 404"), missing.err)
        server.stop()
        let down = try Binary.run(["-c", "fetch scb TAB6471 where Region = 08 and Kon = 1, 2 as pop"], env: ["SPETS_SCB_URL": base])
        XCTAssertNotEqual(down.status, 0)
        XCTAssertTrue(down.err.contains("the network could not reach 127.0.0.1:\(server.port)"), down.err)
        XCTAssertTrue(down.err.contains("this workspace has no copy of it"), down.err)
        XCTAssertTrue(down.err.contains("/TAB6471/data?lang=sv&outputFormat=json-stat2&valueCodes[Region]=08&valueCodes[Kon]=1,2"), down.err)
    }

    func testResponseSizeAndRedirectsAreBounded() throws {
        let big = try LoopbackServer(body: [UInt8](repeating: 32, count: 3 << 20))
        let limit = HTTP.maxResponseBytes
        defer { HTTP.maxResponseBytes = limit; big.stop() }
        HTTP.maxResponseBytes = 1 << 20
        guard case .failure(let f) = HTTP.get("http://127.0.0.1:\(big.port)/nama_10r_3empers?x") else { return XCTFail("a 3 MiB body over a 1 MiB limit was accepted") }
        XCTAssertTrue(f.explanation(host: "h").contains("more than 1 MiB"), f.explanation(host: "h"))
        let loop = try LoopbackServer(body: [], redirectLoop: true)
        defer { loop.stop() }
        guard case .failure(let g) = HTTP.get("http://127.0.0.1:\(loop.port)/start") else { return XCTFail("an endless redirect was followed to an answer") }
        XCTAssertTrue(g.explanation(host: "h").lowercased().contains("redirect"), g.explanation(host: "h"))
        XCTAssertLessThanOrEqual(loop.paths.count, HTTP.maxRedirects + 1, "at most \(HTTP.maxRedirects) redirects are followed")
    }
}
