import Curriculum
import TensorKit

/// Two-layer net from my own layers: Curriculum's AffineReLU sandwich, then Affine.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        params["W1"] = initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &rng)
        params["W2"] = initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &rng)
        params["b1"] = .zeros([hiddenDimension])
        params["b2"] = .zeros([classes])
    }

    public func scores(_ x: Tensor) -> Tensor {
        let first = AffineReLU(affine: Affine(), relu: ReLU())
        let (h, _) = first.forward(x, params["W1"]!, params["b1"]!)
        let (out, _) = Affine().forward(h, params["W2"]!, params["b2"]!)
        return out
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let first = AffineReLU(affine: Affine(), relu: ReLU())
        let last = Affine()
        let (w1, b1, w2, b2) = (params["W1"]!, params["b1"]!, params["W2"]!, params["b2"]!)

        let (h, cache1) = first.forward(x, w1, b1)
        let (scores, cache2) = last.forward(h, w2, b2)

        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let regLoss = 0.5 * reg * (w1 * w1).sum().scalar + 0.5 * reg * (w2 * w2).sum().scalar

        let (dh, dw2, db2) = last.backward(dscores, cache: cache2)
        let (_, dw1, db1) = first.backward(dh, cache: cache1)

        return (dataLoss + regLoss, [
            "W1": dw1, "b1": db1,
            "W2": dw2 + reg * w2, "b2": db2,
        ])
    }
}
