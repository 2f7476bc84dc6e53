import Curriculum
import Foundation
import Testing
import TensorKit

@Suite("softmaxLoss (given)")
struct SoftmaxLossTests {
    @Test("equal scores give log C, and the gradient spreads 1/C over the classes")
    func uniformScores() {
        let (loss, dscores) = softmaxLoss(.zeros(2, 4), labels: [1, 3])
        #expect(Swift.abs(loss - Foundation.log(4)) < 1e-15)
        // (p − onehot) / N with p = 1/4 everywhere and N = 2.
        expectClose(dscores, [[0.125, -0.375, 0.125, 0.125], [0.125, 0.125, 0.125, -0.375]],
                    below: 1e-15, "dscores")
    }

    @Test("matches the NumPy reference")
    func matchesNumPy() throws {
        let f = try Fixture("softmax-loss/random")
        let (loss, dscores) = softmaxLoss(try f.tensor("scores"), labels: try f.labels())
        expectClose(Tensor(loss), try f.tensor("loss"), below: 1e-13, "loss")
        expectClose(dscores, try f.tensor("dscores"), below: 1e-12, "dscores")
    }

    @Test("dscores matches the numeric gradient of the loss")
    func numericGradient() throws {
        let f = try Fixture("softmax-loss/random")
        let (scores, labels) = (try f.tensor("scores"), try f.labels())
        let numeric = Curriculum.numericGradient(
            ofScalar: { softmaxLoss($0, labels: labels).loss }, at: scores)
        expectClose(softmaxLoss(scores, labels: labels).dscores, numeric, below: 1e-7, "dscores")
    }

    @Test("scores of order 1e4 give a finite loss and gradient, as in NumPy")
    func hugeScores() throws {
        let f = try Fixture("softmax-loss/huge-scores")
        let (loss, dscores) = softmaxLoss(try f.tensor("scores"), labels: try f.labels())
        #expect(loss.isFinite)
        #expect(dscores.isFinite)
        expectClose(Tensor(loss), try f.tensor("loss"), below: 1e-13, "loss")
        expectClose(dscores, try f.tensor("dscores"), below: 1e-12, "dscores")
    }

    @Test("a label count that is not N stops with a message")
    func wrongLabelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmaxLoss(.zeros(3, 4), labels: [0, 1])
        }
        #expect(standardError(result).contains(
            "softmaxLoss: 2 labels for 3 rows of scores (3, 4); need one label per row"))
    }

    @Test("a label outside 0..<C stops with a message")
    func labelOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmaxLoss(.zeros(2, 4), labels: [0, 4])
        }
        #expect(standardError(result).contains(
            "softmaxLoss: label 4 of row 1 is not a class index in 0..<4"))
    }
}

@Suite("svmLoss (given)")
struct SVMLossTests {
    @Test("one row worked by hand")
    func handWorked() {
        // Correct class 0 scores 1; classes 1 and 2 beat it by 1 and 2, so with the
        // margin of 1 they cost 2 and 3.
        let (loss, dscores) = svmLoss([[1, 2, 3]], labels: [0])
        #expect(loss == 5)
        #expect(dscores == [[-2, 1, 1]])
    }

    @Test("classes beaten by more than the margin cost nothing")
    func satisfiedMargins() {
        let (loss, dscores) = svmLoss([[5, 3.5, -1], [0, 0.5, 2]], labels: [0, 2])
        #expect(loss == 0)
        #expect(dscores == .zeros(2, 3))
    }

    @Test("matches the NumPy reference")
    func matchesNumPy() throws {
        let f = try Fixture("svm-loss/random")
        let (loss, dscores) = svmLoss(try f.tensor("scores"), labels: try f.labels())
        expectClose(Tensor(loss), try f.tensor("loss"), below: 1e-13, "loss")
        expectClose(dscores, try f.tensor("dscores"), below: 1e-13, "dscores")
    }

    @Test("dscores matches the numeric gradient of the loss (away from the hinge's kink)")
    func numericGradient() throws {
        let f = try Fixture("svm-loss/random")
        let (scores, labels) = (try f.tensor("scores"), try f.labels())
        let numeric = Curriculum.numericGradient(
            ofScalar: { svmLoss($0, labels: labels).loss }, at: scores)
        expectClose(svmLoss(scores, labels: labels).dscores, numeric, below: 1e-7, "dscores")
    }

    @Test("a label count that is not N stops with a message")
    func wrongLabelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = svmLoss(.zeros(3, 4), labels: [0, 1, 2, 3])
        }
        #expect(standardError(result).contains(
            "svmLoss: 4 labels for 3 rows of scores (3, 4); need one label per row"))
    }

    @Test("a negative label stops with a message")
    func negativeLabel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = svmLoss(.zeros(2, 4), labels: [-1, 0])
        }
        #expect(standardError(result).contains(
            "svmLoss: label -1 of row 0 is not a class index in 0..<4"))
    }
}
