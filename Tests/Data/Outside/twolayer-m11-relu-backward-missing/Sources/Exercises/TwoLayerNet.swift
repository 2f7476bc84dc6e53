import Curriculum
import Foundation
import TensorKit

/// Two-layer net with the layer math written inline (self-contained: it does not call
/// the Affine/ReLU exercises).
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        let std1 = weightScale
        params["W1"] = Tensor.randomNormal([inputDimension, hiddenDimension], standardDeviation: std1, using: &generator)
        params["b1"] = Tensor.zeros([hiddenDimension])
        params["W2"] = Tensor.randomNormal([hiddenDimension, classes], standardDeviation: weightScale, using: &generator)
        params["b2"] = Tensor.zeros([classes])
    }

    private struct Pass {
        var rows: Tensor
        var pre: Tensor
        var hidden: Tensor
        var scores: Tensor
    }

    private func run(_ x: Tensor) -> Pass {
        let w1 = parameter(named: "W1"), b1 = parameter(named: "b1")
        let w2 = parameter(named: "W2"), b2 = parameter(named: "b2")
        let rows = x.flattenedBatch()
        let pre = rows.matmul(w1) + b1
        let hidden = maximum(pre, 0)
        let scores = hidden.matmul(w2) + b2
        return Pass(rows: rows, pre: pre, hidden: hidden, scores: scores)
    }

    public func scores(_ x: Tensor) -> Tensor {
        run(x).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let w1 = parameter(named: "W1"), w2 = parameter(named: "W2")
        let pass = run(x)
        var (loss, dscores) = softmaxLoss(pass.scores, labels: labels)
        loss += 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)

        var grads: [String: Tensor] = [:]
        grads["W2"] = pass.hidden.matmul(dscores, transposingSelf: true) + reg * w2
        grads["b2"] = dscores.sum(axis: 0)
        let dhidden = dscores.matmul(w2, transposingOther: true)
        let dpre = dhidden
        grads["W1"] = pass.rows.matmul(dpre, transposingSelf: true) + reg * w1
        grads["b1"] = dpre.sum(axis: 0)
        return (loss, grads)
    }
}
