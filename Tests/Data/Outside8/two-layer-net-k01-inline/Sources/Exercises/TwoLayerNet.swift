import Curriculum
import TensorKit

/// Two-layer net written inline with matmuls (no layer types).
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        params["W1"] = Tensor.randomNormal([inputDimension, hiddenDimension], standardDeviation: weightScale, using: &generator)
        params["b1"] = Tensor.zeros([hiddenDimension])
        params["W2"] = Tensor.randomNormal([hiddenDimension, classes], standardDeviation: weightScale, using: &generator)
        params["b2"] = Tensor.zeros([classes])
    }

    public func scores(_ x: Tensor) -> Tensor {
        let hidden = maximum(x.matmul(params["W1"]!) + params["b1"]!, 0)
        return hidden.matmul(params["W2"]!) + params["b2"]!
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let w1 = params["W1"]!, b1 = params["b1"]!, w2 = params["W2"]!, b2 = params["b2"]!
        let pre = x.matmul(w1) + b1
        let hidden = maximum(pre, 0)
        let scores = hidden.matmul(w2) + b2
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let regLoss = 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)
        var grads: [String: Tensor] = [:]
        grads["W2"] = hidden.matmul(dscores, transposingSelf: true) + reg * w2
        grads["b2"] = dscores.sum(axis: 0)
        let dhidden = dscores.matmul(w2, transposingOther: true)
        let dpre = dhidden * (pre .> 0)
        grads["W1"] = x.matmul(dpre, transposingSelf: true) + reg * w1
        grads["b1"] = dpre.sum(axis: 0)
        return (dataLoss + regLoss, grads)
    }
}
