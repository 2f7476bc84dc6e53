import TensorKit

/// The update rule a ``Solver`` applies to one parameter tensor, together with the
/// rule's hyper-parameters and whatever it accumulates from step to step.
///
/// A solver is configured with one value (its accumulators empty) and copies it for
/// every parameter — `W1`, `b1`, … — so each tensor has its own velocity, cache or
/// moments. The arithmetic is not here: ``step(_:_:using:)`` hands the tensors and the
/// state to an ``UpdateRules`` value, which is the student's `Optimizers` or the
/// reference's.
public enum OptimizerKind: Sendable, Hashable, Codable {
    case sgd(SGDState)
    case sgdMomentum(MomentumState)
    case nesterovMomentum(MomentumState)
    case adaGrad(AdaGradState)
    case rmsProp(RMSPropState)
    case adam(AdamState)

    /// The names the command line and the reports use, in the order the course
    /// introduces the rules.
    public static let names = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]

    /// The rule called `name` (one of ``names``) with the course's default
    /// hyper-parameters, or `nil` for an unknown name.
    public init?(name: String) {
        switch name {
        case "sgd": self = .sgd(SGDState())
        case "momentum": self = .sgdMomentum(MomentumState())
        case "nesterov": self = .nesterovMomentum(MomentumState())
        case "adagrad": self = .adaGrad(AdaGradState())
        case "rmsprop": self = .rmsProp(RMSPropState())
        case "adam": self = .adam(AdamState())
        default: return nil
        }
    }

    /// This rule's entry in ``names``.
    public var name: String {
        switch self {
        case .sgd: "sgd"
        case .sgdMomentum: "momentum"
        case .nesterovMomentum: "nesterov"
        case .adaGrad: "adagrad"
        case .rmsProp: "rmsprop"
        case .adam: "adam"
        }
    }

    /// The step size. The solver multiplies it by its decay after every epoch.
    public var learningRate: Double {
        get {
            switch self {
            case .sgd(let s): s.learningRate
            case .sgdMomentum(let s), .nesterovMomentum(let s): s.learningRate
            case .adaGrad(let s): s.learningRate
            case .rmsProp(let s): s.learningRate
            case .adam(let s): s.learningRate
            }
        }
        set {
            switch self {
            case .sgd(var s): s.learningRate = newValue; self = .sgd(s)
            case .sgdMomentum(var s): s.learningRate = newValue; self = .sgdMomentum(s)
            case .nesterovMomentum(var s): s.learningRate = newValue; self = .nesterovMomentum(s)
            case .adaGrad(var s): s.learningRate = newValue; self = .adaGrad(s)
            case .rmsProp(var s): s.learningRate = newValue; self = .rmsProp(s)
            case .adam(var s): s.learningRate = newValue; self = .adam(s)
            }
        }
    }

    /// One update of the weights `w` with gradient `dw`, computed by `rules`; the
    /// state this value carries advances by one step.
    /// - Parameters:
    ///   - w: the current weights.
    ///   - dw: their gradient, in `w`'s shape.
    ///   - rules: the implementation of the update rules to call.
    /// - Returns: the new weights.
    public mutating func step<Rules: UpdateRules>(
        _ w: Tensor, _ dw: Tensor, using rules: Rules
    ) -> Tensor {
        switch self {
        case .sgd(var s):
            defer { self = .sgd(s) }
            return rules.sgd(w, dw, state: &s)
        case .sgdMomentum(var s):
            defer { self = .sgdMomentum(s) }
            return rules.sgdMomentum(w, dw, state: &s)
        case .nesterovMomentum(var s):
            defer { self = .nesterovMomentum(s) }
            return rules.nesterovMomentum(w, dw, state: &s)
        case .adaGrad(var s):
            defer { self = .adaGrad(s) }
            return rules.adaGrad(w, dw, state: &s)
        case .rmsProp(var s):
            defer { self = .rmsProp(s) }
            return rules.rmsProp(w, dw, state: &s)
        case .adam(var s):
            defer { self = .adam(s) }
            return rules.adam(w, dw, state: &s)
        }
    }
}
