import Curriculum
import TensorKit

/// Two-layer net with the layer maths written out inline (self-contained).
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double
    private let regAtInit: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.regAtInit = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let w1 = Tensor.randomNormal([inputDimension, hiddenDimension],
                                     standardDeviation: weightScale, using: &rng)
        let w2 = Tensor.randomNormal([hiddenDimension, classes],
                                     standardDeviation: weightScale, using: &rng)
        params = ["W1": w1, "b1": .zeros([hiddenDimension]),
                  "W2": w2, "b2": .zeros([classes])]
    }

    private func forwardPass(_ x: Tensor) -> (hiddenPre: Tensor, hidden: Tensor, scores: Tensor) {
        let hiddenPre = x.matmul(params["W1"]!) + params["b1"]!
        let hidden = maximum(hiddenPre, 0)
        let scores = hidden.matmul(params["W2"]!) + params["b2"]!
        return (hiddenPre, hidden, scores)
    }

    public func scores(_ x: Tensor) -> Tensor {
        forwardPass(x).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (hiddenPre, hidden, scores) = forwardPass(x)
        let w1 = params["W1"]!
        let w2 = params["W2"]!
        let reg = regAtInit
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let regLoss = 0.5 * reg * (w1 * w1).sum().scalar + 0.5 * reg * (w2 * w2).sum().scalar
        let total = dataLoss + regLoss

        var grads: [String: Tensor] = [:]
        grads["W2"] = hidden.transposed().matmul(dscores) + reg * w2
        grads["b2"] = dscores.sum(axis: 0)
        let dhidden = dscores.matmul(w2.transposed())
        let dpre = dhidden * (hiddenPre .> 0)
        grads["W1"] = x.transposed().matmul(dpre) + reg * w1
        grads["b1"] = dpre.sum(axis: 0)
        return (total, grads)
    }
}
