import Foundation

/// The slots of `grade-all --jobs N`: each submission judged at once holds one, and
/// its workers run as that slot's own user (when the grader is root), so two
/// students' workers never share a user id. Namespaces already keep them apart; the
/// user ids still do where namespaces are missing (a container without
/// `CAP_SYS_ADMIN`): `kill(-1, …)`, a shared `/tmp` or `/dev/shm` then reach only the
/// worker's own processes and files.
final class JudgingSlots: @unchecked Sendable {
    /// The first slot's user id: the range 1879048192–2147483647 is left unused by
    /// systemd and the distributions, and a worker's user needs no /etc/passwd entry.
    static let firstUser: UInt32 = 1_879_048_192

    private let lock = NSLock()
    private var free: [Int]

    init(count: Int) { free = Array((0..<count).reversed()) }

    /// Takes a free slot. The caller makes sure one is free (at most `count` taken).
    func take() -> Int { lock.withLock { free.removeLast() } }

    /// Gives a slot back.
    func give(_ slot: Int) { lock.withLock { free.append(slot) } }

    /// The user id a slot's workers run as.
    static func user(of slot: Int) -> UInt32 { firstUser + UInt32(slot) }
}
