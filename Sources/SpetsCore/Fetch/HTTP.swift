// HTTP.swift — GET a URL's body (libcurl, loaded on first use by the C shim).
import CSpetsSupport

public enum HTTP {
    public enum Failure: Error {
        case unreachable(String), status(Int, String), noLibrary(String), tooLarge(Int)

        public func explanation(host: String) -> String {
            switch self {
            case .unreachable(let m): return "the network could not reach \(host) (\(m))"
            case .status(let code, let text): return "\(host) answered HTTP \(code): \(text)"
            case .noLibrary(let m): return "no HTTP client: \(m)"
            case .tooLarge(let limit): return "\(host) sent more than \(limit / (1 << 20)) MiB, the limit for one response (HTTP.maxResponseBytes)"
            }
        }
    }

    /// The largest response body kept (a bigger one is cut off and refused, not buffered).
    nonisolated(unsafe) public static var maxResponseBytes = 256 << 20
    /// Redirects followed before giving up (only to http and https).
    public static let maxRedirects = 5

    public static func get(_ url: String, timeoutSeconds: Int = 60) -> Result<[UInt8], Failure> {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        var status = 0
        var err = [CChar](repeating: 0, count: 512)
        let rc = spets_http_get(url, timeoutSeconds, maxResponseBytes, maxRedirects, &out, &len, &status, &err, err.count)
        let message = err.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if rc == -1 { return .failure(.noLibrary(message)) }
        if rc == -2 { return .failure(.tooLarge(maxResponseBytes)) }
        if rc != 0 { return .failure(.unreachable(message)) }
        defer { spets_http_free(out) }
        let body = out.map { Array(UnsafeBufferPointer(start: $0, count: len)) } ?? []
        if status >= 400 {
            let text = Text.printable(String(decoding: body.prefix(300), as: UTF8.self))
            return .failure(.status(status, text))
        }
        return .success(body)
    }
}
