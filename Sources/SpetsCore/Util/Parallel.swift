// Parallel.swift — two pieces of work at once on the machine's cores, with plain pthreads
// (no Dispatch or Foundation on the start-up path). The caller owns all synchronisation:
// the two closures must touch disjoint state.
import Glibc

public enum Parallel {
    /// Threads work may use: 2, or 1 with `SPETS_THREADS=1` (for a machine busy with other
    /// work, and to check that results do not depend on it: they must be byte-identical).
    public nonisolated(unsafe) static var threads: Int = FileIO.environment("SPETS_THREADS") == "1" ? 1 : 2

    private final class Job {
        let work: () -> Void
        init(_ w: @escaping () -> Void) { work = w }
    }

    /// Runs `a` on this thread and `b` on another; returns when both are done.
    public static func both(_ a: () -> Void, _ b: () -> Void) {
        if threads < 2 { a(); b(); return }
        withoutActuallyEscaping(b) { b in
            let job = Unmanaged.passRetained(Job(b))
            var thread = pthread_t()
            let rc = pthread_create(&thread, nil, { ctx in
                let j = Unmanaged<AnyObject>.fromOpaque(ctx!).takeRetainedValue() as! Job
                j.work()
                return nil
            }, job.toOpaque())
            if rc != 0 {
                // No thread to be had: run both here, one after the other.
                job.release()
                a(); b()
                return
            }
            a()
            pthread_join(thread, nil)
        }
    }

    /// `part` over the first and the second half of `0..<n`, on two threads when there are
    /// two: the caller joins the halves (in order, where order matters).
    public static func halves<T>(_ n: Int, _ part: (Int, Int) -> T) -> (T, T) {
        var a: T? = nil, b: T? = nil
        both({ a = part(0, n / 2) }, { b = part(n / 2, n) })
        return (a!, b!)
    }
}
