// Eigen.swift — symmetric eigen-solvers: cyclic Jacobi for small matrices, Householder
// tridiagonalisation with implicit QL and inverse iteration for the second eigenvector of
// larger ones (the complexity indices need it). Hand-written: no LAPACK on the machines
// spets targets, and the sizes are a few thousand at most.
import Glibc

enum Eigen {
    /// All eigenpairs of a symmetric matrix (cyclic Jacobi): exact enough for the few hundred
    /// rows of regional work; vectors are columns of the returned matrix, unit length.
    static func jacobi(_ a0: [Double], _ n: Int) -> (values: [Double], vectors: [Double]) {
        var a = a0
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
            if off < 1e-26 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where abs(a[p * n + q]) > 1e-300 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq; a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk; a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq; v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }

    /// The second eigenvector of a symmetric PSD matrix whose top eigenvector is `top`:
    /// Jacobi when small; otherwise Householder tridiagonalisation, implicit QL for the
    /// eigenvalues and inverse iteration for the one vector — a direct method whose cost does
    /// not depend on the gap between eigenvalues (random panels have almost none).
    static func second(_ s: [Double], _ n: Int, top: [Double]) -> (vector: [Double], value: Double, how: String) {
        if n <= 60 {
            let (vals, vecs) = jacobi(s, n)
            let order = (0..<n).sorted { vals[$0] > vals[$1] }
            let k = order.count > 1 ? order[1] : order[0]
            return ((0..<n).map { vecs[$0 * n + k] }, vals[k], "symmetric eigen-decomposition (Jacobi)")
        }
        var q = s
        var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: n)
        householder(&q, n, &d, &e)
        var dv = d, ev = e
        let values = tridiagonalEigenvalues(&dv, &ev, n).sorted(by: >)
        let lambda = values.count > 1 ? values[1] : values[0]
        let y = inverseIteration(d, e, n, lambda: lambda)
        var v = [Double](repeating: 0, count: n)
        q.withUnsafeBufferPointer { qp in
            for i in 0..<n { var t = 0.0; for k in 0..<n { t += qp[i * n + k] * y[k] }; v[i] = t }
        }
        // Keep it clear of the top eigenvector (rounding) and of unit length.
        let dot = zip(v, top).reduce(0.0) { $0 + $1.0 * $1.1 }
        for i in 0..<n { v[i] -= dot * top[i] }
        let norm = v.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        return (v.map { $0 / norm }, lambda, "Householder tridiagonalisation, QL and inverse iteration")
    }

    /// a (row-major, symmetric) → tridiagonal d (diagonal), e (e[i] couples i−1 and i), and a
    /// becomes the orthogonal Q with A = Q T Qᵀ.
    static func householder(_ A: inout [Double], _ n: Int, _ d: inout [Double], _ e: inout [Double]) {
        A.withUnsafeMutableBufferPointer { a in
            for i in stride(from: n - 1, to: 0, by: -1) {
                let l = i - 1
                var h = 0.0
                if l > 0 {
                    var scale = 0.0
                    for k in 0...l { scale += abs(a[i * n + k]) }
                    if scale == 0 {
                        e[i] = a[i * n + l]
                    } else {
                        for k in 0...l { a[i * n + k] /= scale; h += a[i * n + k] * a[i * n + k] }
                        var f = a[i * n + l]
                        let g = f >= 0 ? -h.squareRoot() : h.squareRoot()
                        e[i] = scale * g
                        h -= f * g
                        a[i * n + l] = f - g
                        f = 0
                        for j in 0...l {
                            a[j * n + i] = a[i * n + j] / h
                            var g2 = 0.0
                            for k in 0...j { g2 += a[j * n + k] * a[i * n + k] }
                            if j + 1 <= l { for k in (j + 1)...l { g2 += a[k * n + j] * a[i * n + k] } }
                            e[j] = g2 / h
                            f += e[j] * a[i * n + j]
                        }
                        let hh = f / (h + h)
                        for j in 0...l {
                            let f2 = a[i * n + j]
                            let g3 = e[j] - hh * f2
                            e[j] = g3
                            for k in 0...j { a[j * n + k] -= f2 * e[k] + g3 * a[i * n + k] }
                        }
                    }
                } else {
                    e[i] = a[i * n + l]
                }
                d[i] = h
            }
            d[0] = 0
            e[0] = 0
            for i in 0..<n {
                if d[i] != 0 {
                    for j in 0..<i {
                        var g = 0.0
                        for k in 0..<i { g += a[i * n + k] * a[k * n + j] }
                        for k in 0..<i { a[k * n + j] -= g * a[k * n + i] }
                    }
                }
                d[i] = a[i * n + i]
                a[i * n + i] = 1
                for j in 0..<i { a[j * n + i] = 0; a[i * n + j] = 0 }
            }
        }
    }

    /// Eigenvalues of the symmetric tridiagonal (d, e) by implicit QL with Wilkinson shifts.
    static func tridiagonalEigenvalues(_ d: inout [Double], _ e: inout [Double], _ n: Int) -> [Double] {
        if n > 1 { for i in 1..<n { e[i - 1] = e[i] } }
        e[n - 1] = 0
        for l in 0..<n {
            var iterations = 0
            while true {
                var m = l
                while m < n - 1 {
                    let dd = abs(d[m]) + abs(d[m + 1])
                    if abs(e[m]) <= Double.ulpOfOne * dd { break }
                    m += 1
                }
                if m == l || iterations > 60 { break }
                iterations += 1
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var underflow = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = (f * f + g * g).squareRoot()
                    e[i + 1] = r
                    if r == 0 { d[i + 1] -= p; e[m] = 0; underflow = true; break }
                    s = f / r; c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    i -= 1
                }
                if underflow { continue }
                d[l] -= p; e[l] = g; e[m] = 0
            }
        }
        return d
    }

    /// The eigenvector of the tridiagonal (d, e) for eigenvalue λ: solve (T − μI)y = x a few
    /// times with μ just off λ (Thomas algorithm).
    static func inverseIteration(_ d: [Double], _ e: [Double], _ n: Int, lambda: Double) -> [Double] {
        let mu = lambda + max(abs(lambda), 1) * 1e-12
        var y = [Double](repeating: 1, count: n)
        for _ in 0..<4 {
            var cp = [Double](repeating: 0, count: n), dp = [Double](repeating: 0, count: n)
            var b0 = d[0] - mu
            if b0 == 0 { b0 = 1e-300 }
            cp[0] = n > 1 ? e[1] / b0 : 0
            dp[0] = y[0] / b0
            for i in 1..<n {
                var den = (d[i] - mu) - e[i] * cp[i - 1]
                if den == 0 { den = 1e-300 }
                cp[i] = i + 1 < n ? e[i + 1] / den : 0
                dp[i] = (y[i] - e[i] * dp[i - 1]) / den
            }
            var x = [Double](repeating: 0, count: n)
            x[n - 1] = dp[n - 1]
            if n > 1 { for i in stride(from: n - 2, through: 0, by: -1) { x[i] = dp[i] - cp[i] * x[i + 1] } }
            let norm = x.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            y = norm > 0 && norm.isFinite ? x.map { $0 / norm } : y
        }
        return y
    }
}
