import Curriculum
import TensorKit

/// Two-layer net with the maths written inline (matmul, maximum), no layer types.
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

    private var w1: Tensor { params["W1"]! }
    private var b1: Tensor { params["b1"]! }
    private var w2: Tensor { params["W2"]! }
    private var b2: Tensor { params["b2"]! }

    public func scores(_ x: Tensor) -> Tensor {
        let hidden = maximum(x.matmul(w1) + b1, 0)
        return hidden.matmul(w2) + b2
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let preActivation = x.matmul(w1) + b1
        let hidden = maximum(preActivation, 0)
        let scores = hidden.matmul(w2) + b2

        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        dscores = dscores / Double(x.shape[0])
        loss += 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)

        var grads: [String: Tensor] = [:]
        grads["W2"] = hidden.matmul(dscores, transposingSelf: true) + reg * w2
        grads["b2"] = dscores.sum(axis: 0)
        let dhidden = dscores.matmul(w2, transposingOther: true)
        let dpre = dhidden * (preActivation .> 0)
        grads["W1"] = x.matmul(dpre, transposingSelf: true) + reg * w1
        grads["b1"] = dpre.sum(axis: 0)
        return (loss, grads)
    }
}
