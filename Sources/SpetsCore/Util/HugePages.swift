// HugePages.swift — whether the large columns a load or a reopen makes ask for 2 MB pages,
// and the asking.
import Glibc

/// Transparent huge pages on request (`madvise` mode, the Debian default): one fault per 2 MB
/// instead of 512, so 336 MB of new columns fault in 23 ms instead of 90 ms.
///
/// Not under a virtio balloon that reports free pages to its host (a Firecracker or QEMU guest
/// with free page reporting): the guest hands every free 2 MB block back to the host a couple
/// of seconds after it is freed, and the host must find memory for a huge page again on its
/// first touch — 420–470 ms for the same 336 MB, five times the 4 KB pages' cost, on every
/// start but one made right after another. 4 KB pages come mostly from blocks the host still
/// backs (docs/performance.md, "Huge pages only where they come back warm").
/// `SPETS_HUGE_PAGES=1` or `=0` decides instead (for measuring both).
public enum HugePages {
    public nonisolated(unsafe) static var inUse: Bool = {
        switch FileIO.environment("SPETS_HUGE_PAGES") {
        case "1": return true
        case "0": return false
        default: return !freePagesGoBackToHost()
        }
    }()

    /// A virtio balloon bound with feature bit 5 (VIRTIO_BALLOON_F_REPORTING) set: sysfs
    /// prints a device's features as one `0`/`1` character per bit.
    static func freePagesGoBackToHost(drivers: String = "/sys/bus/virtio/drivers/virtio_balloon") -> Bool {
        guard let dir = opendir(drivers) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix("virtio"),
                  let bits = try? FileIO.readText("\(drivers)/\(name)/features") else { continue }
            if bits.utf8.count > 5, bits.utf8[bits.utf8.index(bits.utf8.startIndex, offsetBy: 5)] == UInt8(ascii: "1") { return true }
        }
        return false
    }

    public static func advise(_ p: UnsafeMutableRawPointer, _ bytes: Int) {
        guard inUse else { return }
        let huge = 2 << 20
        let lo = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
        let hi = (Int(bitPattern: p) + bytes) & ~(huge - 1)
        if hi > lo { madvise(UnsafeMutableRawPointer(bitPattern: lo), hi - lo, 14) }   // MADV_HUGEPAGE
    }

    /// An array of `n` elements filled by `fill`, its memory advised first (for the columns a
    /// load hands to the dataset).
    static func array<T: BitwiseCopyable>(_ n: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: n) { buf, count in
            if let b = buf.baseAddress, n > 0 {
                advise(UnsafeMutableRawPointer(b), n * MemoryLayout<T>.stride)
                fill(b)
            }
            count = n
        }
    }
}
