import Curriculum
import Foundation
import TensorKit

/// Private layer implementations, so that this file does not depend on the other
/// exercise files; the network uses Curriculum's AffineReLU sandwich on top of them.
fileprivate struct NetAffine: AffineLayer {
    struct Cache { var x: Tensor; var w: Tensor }
    init() {}
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        (x.flattenedBatch().matmul(w) + b, Cache(x: x, w: w))
    }
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dx = dout.matmul(cache.w, transposingOther: true).reshaped(cache.x.shape)
        let dw = cache.x.flattenedBatch().matmul(dout, transposingSelf: true)
        return (dx, dw, dout.sum(axis: 0))
    }
}

fileprivate struct NetReLU: ReLULayer {
    struct Cache { var mask: Tensor }
    init() {}
    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
        let mask = x .> 0
        return (x * mask, Cache(mask: mask))
    }
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * cache.mask }
}

public struct TwoLayerNet: TwoLayerClassifier {
    public var params: [String: Tensor]
    public var reg: Double

    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        self.reg = reg
        var generator = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        let w1 = initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension, using: &generator)
        let w2 = initialization.weights(fanIn: hiddenDimension, fanOut: classes, using: &generator)
        self.params = ["W1": w1, "b1": Tensor.zeros([hiddenDimension]),
                       "W2": w2, "b2": Tensor.zeros([classes])]
    }

    private let hiddenLayer = AffineReLU<NetAffine, NetReLU>()
    private let outputLayer = NetAffine()

    public func scores(_ x: Tensor) -> Tensor {
        let (h, _) = hiddenLayer.forward(x, params["W1"]!, params["b1"]!)
        return outputLayer.forward(h, params["W2"]!, params["b2"]!).out
    }

    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (w1, w2) = (params["W1"]!, params["W2"]!)
        let (h, hiddenCache) = hiddenLayer.forward(x, w1, params["b1"]!)
        let (s, outputCache) = outputLayer.forward(h, w2, params["b2"]!)
        let (dataLoss, dscores) = softmaxLoss(s, labels: labels)
        let penalty: Double = [w1, w2].map { ($0 * $0).sum().scalar }.reduce(0) { $0 + $1 }
        let (dh, dw2, db2) = outputLayer.backward(dscores, cache: outputCache)
        let (_, dw1, db1) = hiddenLayer.backward(dh, cache: hiddenCache)
        let grads: [String: Tensor] = ["W1": dw1 + reg * w1, "b1": db1, "W2": dw2 + reg * w2, "b2": db2]
        return (dataLoss + reg * penalty / 2, grads)
    }
}
