import Curriculum
import TensorKit

/// Two-layer net on my own Affine and ReLU, through Curriculum's sandwich.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        let init0 = WeightInitialization.scale(weightScale)
        params["W1"] = init0.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &generator)
        params["b1"] = Tensor.zeros([hiddenDimension])
        params["W2"] = init0.weights(fanIn: hiddenDimension, fanOut: classes, using: &generator)
        params["b2"] = Tensor.zeros([classes])
    }

    public func scores(_ x: Tensor) -> Tensor {
        let hidden = AffineReLU<Affine, ReLU>().forward(x, params["W1"]!, params["b1"]!).out
        return Affine().forward(hidden, params["W2"]!, params["b2"]!).out
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let w1 = params["W1"]!, b1 = params["b1"]!, w2 = params["W2"]!, b2 = params["b2"]!
        let layer1 = AffineReLU<Affine, ReLU>()
        let layer2 = Affine()
        let (hidden, cache1) = layer1.forward(x, w1, b1)
        let (scores, cache2) = layer2.forward(hidden, w2, b2)

        var (loss, dscores) = softmaxLoss(scores, labels: labels)
        loss += 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)

        let (dhidden, dw2, db2) = layer2.backward(dscores, cache: cache2)
        let (_, dw1, db1) = layer1.backward(dhidden, cache: cache1)

        var grads: [String: Tensor] = [:]
        grads["W1"] = dw1 + reg * w1
        grads["b1"] = db1
        grads["W2"] = dw2 + reg * w2
        grads["b2"] = db2
        return (loss, grads)
    }
}
