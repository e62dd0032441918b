// DeferredValues.swift — a measure's values read on first use: a reopened workspace's large
// datasets copy a measure only when a statement reads it (an LQ reads one of two; each
// column copied is fresh memory faulted in, most of a reopen's time). Doubles, or the
// four-byte words of a scaled measure (ScaledValues.swift).
import Glibc
import Synchronization

public typealias DeferredValues = DeferredColumn<Double>

/// A column still to be read, which `Workspace.settle` reads before its rows change.
protocol Settles: AnyObject { func settle() }

public final class DeferredColumn<T: BitwiseCopyable>: @unchecked Sendable, Settles {
    /// Rows the values will have (checked against what the read gives).
    public let count: Int
    /// The dataset they belong to, for a message.
    let dataset: String
    /// Dropped once the values are in, and with it the file's reader (its connections close
    /// when the last deferred column that holds it is read or freed).
    private nonisolated(unsafe) var read: (() -> Result<[T], Diagnostic>)?
    // Double-checked: `ready` is set (releasing) only after `loaded` is written, so a reader
    // that sees it set (acquiring) sees the whole array without taking the lock.
    private let ready = Atomic<Bool>(false)
    private let lock = Mutex<Void>(())
    private nonisolated(unsafe) var loaded: [T] = []

    public init(count: Int, dataset: String, read: @escaping () -> Result<[T], Diagnostic>) {
        self.count = count; self.dataset = dataset; self.read = read
    }

    /// Values already read (a small dataset's: one kind of column either way).
    public init(loaded: [T], dataset: String) {
        count = loaded.count; self.dataset = dataset; read = nil; self.loaded = loaded
        ready.store(true, ordering: .releasing)
    }

    public var isLoaded: Bool { ready.load(ordering: .acquiring) }

    func settle() { _ = values }

    public var values: [T] {
        if ready.load(ordering: .acquiring) { return loaded }
        let read: Result<[T], Diagnostic> = lock.withLock { _ in
            if ready.load(ordering: .acquiring) { return .success(loaded) }
            switch self.read!() {
            case .success(let v) where v.count == count:
                loaded = v
                self.read = nil
                ready.store(true, ordering: .releasing)
                return .success(v)
            case .success(let v):
                return .failure(Diagnostic(.workspaceColumnWrongLength, dataset, v.count, count))
            case .failure(let e):
                return .failure(e)
            }
        }
        switch read {
        case .success(let v): return v
        case .failure(let e): DeferredRead.failed(e)   // outside the lock
        }
    }

}

public enum DeferredRead {
    /// What happens when values cannot be read back. The size of every deferred column is
    /// checked when the workspace opens and nothing rewrites a dataset's rows while some of
    /// its values are deferred (`Workspace.settle`), so this is a disk failing or the file
    /// changed beneath spets: no value can be given, and none may be made up. The session
    /// ends with the reason, before any statement that read the values could print or
    /// store a figure; what it had committed is in the file. `spets` renders the reason in
    /// the session's language (`Launch`); this default is English.
    public nonisolated(unsafe) static var failed: (Diagnostic) -> Never = { d in
        let text = "error: " + Diagnostic(.readEndsSession, d).message + "\n"
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count - 1) }
        exit(74)   // EX_IOERR
    }
}
