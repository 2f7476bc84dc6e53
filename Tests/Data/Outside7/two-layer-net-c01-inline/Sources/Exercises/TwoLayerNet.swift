import Curriculum
import TensorKit

/// Two-layer net with the maths written inline (no layer types).
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        params["W1"] = Tensor.randomNormal([inputDimension, hiddenDimension],
                                           standardDeviation: weightScale, using: &generator)
        params["b1"] = Tensor.zeros([hiddenDimension])
        params["W2"] = Tensor.randomNormal([hiddenDimension, classes],
                                           standardDeviation: weightScale, using: &generator)
        params["b2"] = Tensor.zeros([classes])
    }

    private func hidden(_ x: Tensor) -> (pre: Tensor, post: Tensor) {
        let pre = x.matmul(params["W1"]!) + params["b1"]!
        return (pre, maximum(pre, 0))
    }

    public func scores(_ x: Tensor) -> Tensor {
        hidden(x).post.matmul(params["W2"]!) + params["b2"]!
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let w1 = params["W1"]!, w2 = params["W2"]!
        let (pre, h) = hidden(x)
        let s = h.matmul(w2) + params["b2"]!
        var (loss, dscores) = softmaxLoss(s, labels: labels)
        loss += 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)

        var grads: [String: Tensor] = [:]
        grads["W2"] = h.matmul(dscores, transposingSelf: true) + reg * w2
        grads["b2"] = dscores.sum(axis: 0)
        let dh = dscores.matmul(w2, transposingOther: true)
        let dpre = dh * (pre .> 0)
        grads["W1"] = x.matmul(dpre, transposingSelf: true) + reg * w1
        grads["b1"] = dpre.sum(axis: 0)
        return (loss, grads)
    }
}
