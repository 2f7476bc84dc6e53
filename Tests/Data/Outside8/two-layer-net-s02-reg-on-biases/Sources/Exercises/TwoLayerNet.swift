import Curriculum
import TensorKit

/// Two-layer net from Curriculum's AffineReLU sandwich around my own Affine and ReLU.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var rng = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        let w1 = initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &rng)
        let w2 = initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &rng)
        params = ["W1": w1, "b1": Tensor.zeros([hiddenDimension]), "W2": w2, "b2": Tensor.zeros([classes])]
    }

    private func forward(_ x: Tensor) -> (scores: Tensor, first: AffineReLU<Affine, ReLU>.Cache, second: Affine.Cache) {
        let (hidden, firstCache) = AffineReLU<Affine, ReLU>().forward(x, params["W1"]!, params["b1"]!)
        let (scores, secondCache) = Affine().forward(hidden, params["W2"]!, params["b2"]!)
        return (scores, firstCache, secondCache)
    }

    public func scores(_ x: Tensor) -> Tensor {
        forward(x).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, firstCache, secondCache) = forward(x)
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        let w1 = params["W1"]!, w2 = params["W2"]!
        loss += 0.5 * reg * (w1 * w1).sum().scalar
        loss += 0.5 * reg * (w2 * w2).sum().scalar
        let b1 = params["b1"]!, b2 = params["b2"]!
        loss += 0.5 * reg * ((b1 * b1).sum().scalar + (b2 * b2).sum().scalar)
        let (dhidden, dw2, db2) = Affine().backward(dscores, cache: secondCache)
        let (_, dw1, db1) = AffineReLU<Affine, ReLU>().backward(dhidden, cache: firstCache)
        let grads: [String: Tensor] = [
            "W1": dw1 + reg * w1, "b1": db1 + reg * b1,
            "W2": dw2 + reg * w2, "b2": db2 + reg * b2,
        ]
        return (loss, grads)
    }
}
