import TensorKit

// The state of each optimizer: hyper-parameters (with the course's defaults) and
// whatever it accumulates across steps. The caller owns one per parameter tensor and
// passes it `inout`; accumulators start as `nil` and are created on the first step.

/// Vanilla stochastic gradient descent.
public struct SGDState: Sendable, Hashable, Codable {
    public var learningRate: Double
    public init(learningRate: Double = 1e-2) { self.learningRate = learningRate }
}

/// SGD with momentum, and Nesterov momentum: a velocity per weight.
public struct MomentumState: Sendable, Hashable, Codable {
    public var learningRate: Double
    /// How much of the velocity survives each step.
    public var momentum: Double
    /// The velocity, in the weights' shape; `nil` means zeros.
    public var velocity: Tensor?
    public init(learningRate: Double = 1e-2, momentum: Double = 0.9, velocity: Tensor? = nil) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.velocity = velocity
    }
}

/// AdaGrad: the running sum of squared gradients.
public struct AdaGradState: Sendable, Hashable, Codable {
    public var learningRate: Double
    public var eps: Double
    /// Σ dw², in the weights' shape; `nil` means zeros.
    public var cache: Tensor?
    public init(learningRate: Double = 1e-2, eps: Double = 1e-8, cache: Tensor? = nil) {
        self.learningRate = learningRate
        self.eps = eps
        self.cache = cache
    }
}

/// RMSProp: a decaying average of squared gradients.
public struct RMSPropState: Sendable, Hashable, Codable {
    public var learningRate: Double
    public var decayRate: Double
    public var eps: Double
    /// The moving average of dw², in the weights' shape; `nil` means zeros.
    public var cache: Tensor?
    public init(learningRate: Double = 1e-2, decayRate: Double = 0.99, eps: Double = 1e-8,
                cache: Tensor? = nil) {
        self.learningRate = learningRate
        self.decayRate = decayRate
        self.eps = eps
        self.cache = cache
    }
}

/// Adam: first and second moment estimates with bias correction.
public struct AdamState: Sendable, Hashable, Codable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    /// The first moment (moving average of dw); `nil` means zeros.
    public var m: Tensor?
    /// The second moment (moving average of dw²); `nil` means zeros.
    public var v: Tensor?
    /// The number of steps taken; incremented at the start of a step, before the
    /// bias correction uses it.
    public var t: Int
    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                eps: Double = 1e-8, m: Tensor? = nil, v: Tensor? = nil, t: Int = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = m
        self.v = v
        self.t = t
    }
}

/// Exercise `optimizers`: one update step of each rule. Each takes the weights `w`
/// and their gradient `dw` (same shape), returns the new weights, and updates its
/// state in place.
public protocol UpdateRules: Sendable {
    init()
    func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor
    func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor
    func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor
    func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor
    func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor
    func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor
}
