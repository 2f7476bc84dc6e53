import Curriculum
import TensorKit

/// The reference two-layer network: affine – ReLU – affine – softmax, built from the
/// reference ``Affine`` and ``ReLU`` through Curriculum's `AffineReLU` sandwich.
public struct TwoLayerNet: TwoLayerClassifier {
    /// `W1` `(D, H)`, `b1` `(H,)`, `W2` `(H, C)`, `b2` `(C,)`.
    public var params: [String: Tensor]
    /// The L2 regularization strength.
    public var reg: Double

    private let hidden = AffineReLU(affine: Affine(), relu: ReLU())
    private let output = Affine()

    /// Normal weights with standard deviation `weightScale`, `W1` drawn before `W2`
    /// from one `SeededGenerator(seed: seed)`; zero biases.
    public init(inputDimension: Int, hiddenDimension: Int, classes: Int,
                weightScale: Double, reg: Double, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let initialization = WeightInitialization.scale(weightScale)
        self.reg = reg
        self.params = [
            "W1": initialization.weights(fanIn: inputDimension, fanOut: hiddenDimension,
                                         using: &generator),
            "b1": .zeros([hiddenDimension]),
            "W2": initialization.weights(fanIn: hiddenDimension, fanOut: classes,
                                         using: &generator),
            "b2": .zeros([classes]),
        ]
    }

    /// - Parameter x: inputs `(N, D)`.
    /// - Returns: scores `(N, C)`.
    public func scores(_ x: Tensor) -> Tensor {
        forward(x).scores
    }

    /// The softmax loss plus `0.5 · reg · (Σ W1² + Σ W2²)`, and its gradients.
    public mutating func loss(_ x: Tensor, labels: [Int]) -> (loss: Double, grads: [String: Tensor]) {
        let (scores, hiddenCache, outputCache) = forward(x)
        let (dataLoss, dscores) = softmaxLoss(scores, labels: labels)
        let (w1, w2) = (parameter(named: "W1"), parameter(named: "W2"))
        let regularization = 0.5 * reg * ((w1 * w1).sum().scalar + (w2 * w2).sum().scalar)

        let (dh, dw2, db2) = output.backward(dscores, cache: outputCache)
        let (_, dw1, db1) = hidden.backward(dh, cache: hiddenCache)
        let grads = [
            "W1": dw1 + reg * w1, "b1": db1,
            "W2": dw2 + reg * w2, "b2": db2,
        ]
        return (dataLoss + regularization, grads)
    }

    /// The forward pass, keeping both layers' caches.
    private func forward(_ x: Tensor)
        -> (scores: Tensor, hidden: AffineReLU<Affine, ReLU>.Cache, output: Affine.Cache)
    {
        let (h, hiddenCache) = hidden.forward(x, parameter(named: "W1"), parameter(named: "b1"))
        let (scores, outputCache) = output.forward(h, parameter(named: "W2"), parameter(named: "b2"))
        return (scores, hiddenCache, outputCache)
    }
}
