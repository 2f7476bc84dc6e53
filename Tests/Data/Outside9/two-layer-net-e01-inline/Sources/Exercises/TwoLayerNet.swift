import Curriculum
import TensorKit

/// Two-layer net with inline matmuls.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        params["W1"] = Tensor.randomNormal([inputDimension, hiddenDimension], standardDeviation: weightScale, using: &rng)
        params["b1"] = Tensor.zeros([hiddenDimension])
        params["W2"] = Tensor.randomNormal([hiddenDimension, classes], standardDeviation: weightScale, using: &rng)
        params["b2"] = Tensor.zeros([classes])
    }

    public func scores(_ x: Tensor) -> Tensor {
        let h = maximum(x.matmul(params["W1"]!) + params["b1"]!, 0)
        return h.matmul(params["W2"]!) + params["b2"]!
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let w1 = params["W1"]!, b1 = params["b1"]!, w2 = params["W2"]!, b2 = params["b2"]!
        let z1 = x.matmul(w1) + b1
        let h = maximum(z1, 0)
        let s = h.matmul(w2) + b2
        let (dataLoss, ds) = softmaxLoss(s, labels: labels)
        let loss = dataLoss + 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)
        var grads: [String: Tensor] = [:]
        grads["W2"] = h.transposed().matmul(ds) + reg * w2
        grads["b2"] = ds.sum(axis: 0)
        let dh = ds.matmul(w2.transposed())
        let dz1 = dh * (z1 .> 0)
        grads["W1"] = x.transposed().matmul(dz1) + reg * w1
        grads["b1"] = dz1.sum(axis: 0)
        return (loss, grads)
    }
}
