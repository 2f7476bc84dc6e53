import Curriculum
import TensorKit

/// Exercise `two-layer-net`, written layer by layer with the maths inline.
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

    private func forwardPass(_ x: Tensor) -> (hidden: Tensor, preActivation: Tensor, scores: Tensor) {
        let W1 = params["W1"]!, b1 = params["b1"]!, W2 = params["W2"]!, b2 = params["b2"]!
        let a = x.matmul(W1) + b1
        let h = maximum(a, 0)
        let scores = h.matmul(W2) + b2
        return (h, a, scores)
    }

    public func scores(_ x: Tensor) -> Tensor {
        forwardPass(x).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let W1 = params["W1"]!, W2 = params["W2"]!
        let (h, a, scores) = forwardPass(x)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let regLoss = 0.5 * reg * ((W1 * W1).sum().scalar + (W2 * W2).sum().scalar)
        let loss = dataLoss + regLoss

        var grads: [String: Tensor] = [:]
        grads["W2"] = h.transposed().matmul(dscores) + reg * W2
        grads["b2"] = dscores.sum(axis: 0)
        let dh = dscores.matmul(W2.transposed())
        let da = dh * (a .> 0)
        grads["W1"] = x.transposed().matmul(da) + reg * W1
        grads["b1"] = dh.sum(axis: 0)
        return (loss, grads)
    }
}
