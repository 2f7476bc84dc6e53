import Foundation
import WorkerSandbox

/// The exercises of one grading, handed out one at a time to the gradings running at
/// once (``Judge/parallelExercises``), and what they found: the exercises' results in
/// course order, and what each grading's workers printed and had in force.
final class ExerciseQueue: @unchecked Sendable {
    // @unchecked: every stored property is only read and written under `lock`.
    private let lock = NSLock()
    private var taken = 0
    private var stored: [ExerciseResult?]
    private var outputs: [Int: String] = [:]
    private var enforced: [Set<Protection>] = []

    /// Whether exercises are handed out from the last to the first.
    private let lastFirst: Bool

    /// - Parameters:
    ///   - count: how many exercises there are to grade.
    ///   - lastFirst: hand them out from the last: with several gradings at once, the
    ///     course's later exercises (networks, convolutions) take the longest, and one
    ///     left for last would leave the other cores idle while it runs.
    init(count: Int, lastFirst: Bool) {
        stored = Array(repeating: nil, count: count)
        self.lastFirst = lastFirst
    }

    /// The index of the next exercise to grade, or `nil` when every one was taken.
    func next() -> Int? {
        lock.withLock {
            guard taken < stored.count else { return nil }
            defer { taken += 1 }
            return lastFirst ? stored.count - 1 - taken : taken
        }
    }

    /// Keeps the result of the exercise at `index`.
    func store(_ result: ExerciseResult, at index: Int) {
        lock.withLock { stored[index] = result }
    }

    /// Keeps what the workers of grading number `grading` printed, and the protections
    /// they all had (`nil`: none of them got as far as reporting them).
    func finish(_ grading: Int, output: String, protections: Set<Protection>?) {
        lock.withLock {
            outputs[grading] = output
            if let protections { enforced.append(protections) }
        }
    }

    /// The results stored, in course order.
    var results: [ExerciseResult] { lock.withLock { stored.compactMap { $0 } } }

    /// What the workers printed, grading by grading.
    var output: String { lock.withLock { outputs.keys.sorted().compactMap { outputs[$0] }.joined() } }

    /// The protections every worker had, or `nil` when no worker reported any.
    var protections: Set<Protection>? {
        lock.withLock { enforced.first.map { enforced.dropFirst().reduce($0) { $0.intersection($1) } } }
    }
}
