@testable import GraderKit
import Testing

@Suite("The exercises of a grading handed out")
struct ExerciseQueueTests {
    @Test("one at a time in course order, several at once from the last; results always in course order")
    func order() {
        for lastFirst in [false, true] {
            let queue = ExerciseQueue(count: 3, lastFirst: lastFirst)
            var handed: [Int] = []
            while let index = queue.next() {
                handed.append(index)
                queue.store(ExerciseResult(name: "e\(index)", title: "", stubFile: "", handout: "", status: .passed, checks: []),
                            at: index)
            }
            #expect(handed == (lastFirst ? [2, 1, 0] : [0, 1, 2]))
            #expect(queue.results.map(\.name) == ["e0", "e1", "e2"])
        }
    }
}
