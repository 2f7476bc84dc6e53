import Foundation
import Testing
@testable import TensorKit

/// Counts, under a lock, how often each part ran.
private final class PartCounts: @unchecked Sendable {
    // @unchecked: `counts` is only touched under `lock`.
    private let lock = NSLock()
    private var counts: [Int]
    init(parts: Int) { counts = Array(repeating: 0, count: parts) }
    func ran(_ part: Int) { lock.lock(); counts[part] += 1; lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
}

@Suite("TensorKit's parallel jobs")
struct ParallelTests {
    @Test("every part runs once, however many parts and jobs", arguments: [1, 2, 3, 5])
    func everyPartOnce(parts: Int) {
        for _ in 0..<200 {
            let counts = PartCounts(parts: parts)
            Parallel.run(parts: parts) { counts.ran($0) }
            #expect(counts.all == Array(repeating: 1, count: parts))
        }
    }

    @Test("jobs started by several threads at once all complete, each part once")
    func jobsFromManyThreads() {
        let results = concurrentResults(threads: 6) { _ in
            (0..<50).allSatisfy { _ in
                let counts = PartCounts(parts: 2)
                Parallel.run(parts: 2) { counts.ran($0) }
                return counts.all == [1, 1]
            }
        }
        #expect(results.allSatisfy { $0 })
    }

    @Test("a child process forked after jobs ran starts helpers of its own")
    func afterFork() throws {
        Parallel.run(parts: 2) { _ in }  // the parent's helpers exist now
        let counts = PartCounts(parts: 2)  // allocated before the fork: the child only runs the job
        let child = fork()
        try #require(child >= 0, "fork failed")
        if child == 0 {
            // Without the fork handler the child would wait for helpers it does not have.
            Parallel.run(parts: 2) { counts.ran($0) }
            _exit(counts.all == [1, 1] ? 0 : 1)
        }
        // Bounded: the child gets 10 s, then is killed (only it, by its pid).
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        while waitpid(child, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(child, SIGKILL)
                _ = waitpid(child, &status, 0)
                Issue.record("the forked child's parallel job did not finish in 10 s")
                return
            }
            usleep(10_000)
        }
        #expect(status == 0, "the child's job ran its parts (wait status \(status))")
    }
}
