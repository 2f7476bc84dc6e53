import TensorKit

/// The hyper-parameters and running statistics of one batch-normalization layer: what
/// the course keeps in `bn_param`. The caller owns it and passes it `inout`.
public struct BatchNormState: Sendable, Hashable, Codable {
    /// Added to the variance before the square root.
    public var eps: Double
    /// How much of the old running average survives each training step:
    /// `running = momentum · running + (1 − momentum) · batch`.
    public var momentum: Double
    /// The running mean per feature, shape `(D,)`; `nil` until the first training
    /// step, which starts it from zeros.
    public var runningMean: Tensor?
    /// The running (biased) variance per feature, shape `(D,)`; `nil` until the first
    /// training step, which starts it from zeros.
    public var runningVariance: Tensor?

    public init(eps: Double = 1e-5, momentum: Double = 0.9,
                runningMean: Tensor? = nil, runningVariance: Tensor? = nil) {
        self.eps = eps
        self.momentum = momentum
        self.runningMean = runningMean
        self.runningVariance = runningVariance
    }
}

/// Exercise `batchnorm`: batch normalization of `(N, D)` inputs, per feature.
public protocol BatchNormLayer: Sendable {
    associatedtype Cache
    init()

    /// - Parameters:
    ///   - x: inputs of shape `(N, D)`.
    ///   - gamma: scale per feature, shape `(D,)`.
    ///   - beta: shift per feature, shape `(D,)`.
    ///   - mode: `.train` normalizes with the batch's statistics and updates the running
    ///     ones; `.test` normalizes with the running statistics.
    ///   - state: eps, momentum and the running statistics.
    /// - Returns: `out` of shape `(N, D)` and the cache (only needed after `.train`).
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Cache)

    /// The backward pass through the computation graph, node by node.
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)

    /// The same gradients from the simplified expression for `dx` derived on paper.
    /// - Returns: `dx` `(N, D)`, `dgamma` `(D,)`, `dbeta` `(D,)`.
    func backwardAlt(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor)
}
