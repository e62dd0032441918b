// HTTP.swift — GET a URL's body (libcurl, loaded on first use by the C shim).
import CSpetsSupport

public enum HTTP {
    public enum Failure: Error {
        case unreachable(String), status(Int, String), noLibrary(String)

        public func explanation(host: String) -> String {
            switch self {
            case .unreachable(let m): return "the network could not reach \(host) (\(m))"
            case .status(let code, let text): return "\(host) answered HTTP \(code): \(text)"
            case .noLibrary(let m): return "no HTTP client: \(m)"
            }
        }
    }

    public static func get(_ url: String, timeoutSeconds: Int = 60) -> Result<[UInt8], Failure> {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        var status = 0
        var err = [CChar](repeating: 0, count: 512)
        let rc = spets_http_get(url, timeoutSeconds, &out, &len, &status, &err, err.count)
        let message = err.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if rc == -1 { return .failure(.noLibrary(message)) }
        if rc != 0 { return .failure(.unreachable(message)) }
        defer { spets_http_free(out) }
        let body = out.map { Array(UnsafeBufferPointer(start: $0, count: len)) } ?? []
        if status >= 400 {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            return .failure(.status(status, text))
        }
        return .success(body)
    }
}
