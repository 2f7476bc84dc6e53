import Curriculum
import TensorKit

/// Exercise `two-layer-net`: affine – ReLU – affine – softmax.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        params["W1"] = Tensor.randomNormal([inputDimension, hiddenDimension],
                                           standardDeviation: weightScale * weightScale, using: &generator)
        params["b1"] = Tensor.zeros([hiddenDimension])
        params["W2"] = Tensor.randomNormal([hiddenDimension, classes],
                                           standardDeviation: weightScale * weightScale, using: &generator)
        params["b2"] = Tensor.zeros([classes])
    }

    private typealias Hidden = AffineReLU<Affine, ReLU>

    private func forwardPass(_ x: Tensor) -> (scores: Tensor, hidden: Hidden.Cache, output: Affine.Cache) {
        let (h, hiddenCache) = Hidden().forward(x, parameter(named: "W1"), parameter(named: "b1"))
        let (scores, outputCache) = Affine().forward(h, parameter(named: "W2"), parameter(named: "b2"))
        return (scores, hiddenCache, outputCache)
    }

    public func scores(_ x: Tensor) -> Tensor {
        forwardPass(x).scores
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, hiddenCache, outputCache) = forwardPass(x)
        let w1 = parameter(named: "W1"), w2 = parameter(named: "W2")
        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        loss += 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)

        let (dh, dw2, db2) = Affine().backward(dscores, cache: outputCache)
        let (_, dw1, db1) = Hidden().backward(dh, cache: hiddenCache)

        var grads: [String: Tensor] = [:]
        grads["W1"] = dw1 + reg * w1
        grads["b1"] = db1
        grads["W2"] = dw2 + reg * w2
        grads["b2"] = db2
        return (loss, grads)
    }
}
