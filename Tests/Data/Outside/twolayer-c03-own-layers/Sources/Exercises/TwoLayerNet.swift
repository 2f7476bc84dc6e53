import Curriculum
import Foundation
import TensorKit

/// Two-layer net built from the affine and relu exercises' own layers (as the handout
/// asks): NOT self-contained, needs working Affine.swift and ReLU.swift.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        for (name, shape) in [("1", [inputDimension, hiddenDimension]), ("2", [hiddenDimension, classes])] {
            params["W" + name] = Tensor.randomNormal(shape, standardDeviation: weightScale, using: &generator)
            params["b" + name] = Tensor.zeros([shape[1]])
        }
    }

    public func scores(_ x: Tensor) -> Tensor {
        let (hidden, _) = AffineReLU<Affine, ReLU>().forward(x, params["W1"]!, params["b1"]!)
        return Affine().forward(hidden, params["W2"]!, params["b2"]!).out
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let first = AffineReLU<Affine, ReLU>(), second = Affine()
        let (hidden, firstCache) = first.forward(x, params["W1"]!, params["b1"]!)
        let (scores, secondCache) = second.forward(hidden, params["W2"]!, params["b2"]!)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        var loss = dataLoss
        var grads: [String: Tensor] = [:]
        let dhidden: Tensor
        (dhidden, grads["W2"], grads["b2"]) = second.backward(dscores, cache: secondCache)
        (_, grads["W1"], grads["b1"]) = first.backward(dhidden, cache: firstCache)
        for name in ["W1", "W2"] {
            let w = params[name]!
            loss += 0.5 * reg * (w * w).sum().scalar
            grads[name] = grads[name]! + reg * w
        }
        return (loss, grads)
    }
}
