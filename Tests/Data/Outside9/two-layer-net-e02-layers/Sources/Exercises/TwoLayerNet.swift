import Curriculum
import TensorKit

/// Two-layer net from the student's own Affine and ReLU layers.
public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        self.params = [:]
        var generator = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        params["W1"] = initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &generator)
        params["W2"] = initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &generator)
        params["b1"] = Tensor.zeros(hiddenDimension)
        params["b2"] = Tensor.zeros(classes)
    }

    public func scores(_ x: Tensor) -> Tensor {
        let (a1, _) = Affine().forward(x, params["W1"]!, params["b1"]!)
        let (h1, _) = ReLU().forward(a1)
        let (s, _) = Affine().forward(h1, params["W2"]!, params["b2"]!)
        return s
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let affine = Affine(), relu = ReLU()
        let (a1, cacheA1) = affine.forward(x, params["W1"]!, params["b1"]!)
        let (h1, cacheR1) = relu.forward(a1)
        let (s, cacheA2) = affine.forward(h1, params["W2"]!, params["b2"]!)
        let (dataLoss, dscores) = softmaxLoss(s, labels: labels)
        var regSum = 0.0
        for key in ["W1", "W2"] {
            let w = params[key]!
            regSum += (w * w).sum().scalar
        }
        let loss = dataLoss + 0.5 * reg * regSum
        var grads: [String: Tensor] = [:]
        let (dh1, dw2, db2) = affine.backward(dscores, cache: cacheA2)
        let da1 = relu.backward(dh1, cache: cacheR1)
        let (_, dw1, db1) = affine.backward(da1, cache: cacheA1)
        grads["W1"] = dw1 + reg * params["W1"]!
        grads["W2"] = dw2 + reg * params["W2"]!
        grads["b1"] = db1
        grads["b2"] = db2
        return (loss, grads)
    }
}
