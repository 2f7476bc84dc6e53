import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the ReLU's backward pass; the forward pass is the reference's.

extension MistakeCatalog {
    /// Mistakes of the `relu` exercise.
    public static let relu: [Mistake] = [
        Mistake("relu-gradient-where-negative", title: "gradient passed where x < 0 instead of where x > 0",
                hint: "Your dx is nonzero exactly where the forward pass output a constant 0. Which inputs could change the output if you nudged them a little?",
                handlers: .relu(InvertedMaskReLU())),
        Mistake("relu-gradient-everywhere", title: "dout passed through unmasked",
                hint: "Your dx equals dout everywhere. For an input the forward pass clipped to 0, how much does the output move when the input moves?",
                handlers: .relu(UnmaskedReLU())),
        Mistake("relu-mask-from-dout", title: "gradient masked by dout > 0 instead of by the forward input",
                hint: "Your dx keeps the positive entries of dout. Which quantity decides whether a ReLU unit was active: the upstream gradient, or something the forward pass saw?",
                handlers: .relu(UpstreamMaskReLU())),
        Mistake("relu-gradient-times-output", title: "dout multiplied by the output instead of by the 0/1 mask",
                hint: "Your dx grows with the size of the unit's output. On its active side the ReLU is the identity: what is the slope of the identity?",
                handlers: .relu(OutputScaledReLU())),
    ]
}

/// A ReLU that is the reference except for its `backward`.
protocol ReLUBackwardMistake: ReLULayer where Cache == ReLU.Cache {}

extension ReLUBackwardMistake {
    func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) { ReLU().forward(x) }
}

/// `dx = dout ⊙ (x < 0)`: the mask turned inside out.
struct InvertedMaskReLU: ReLUBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * (cache.x .< 0) }
}

/// `dx = dout`.
struct UnmaskedReLU: ReLUBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout }
}

/// `dx = dout ⊙ (dout > 0)`: a ReLU applied to the gradient.
struct UpstreamMaskReLU: ReLUBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * (dout .> 0) }
}

/// `dx = dout ⊙ max(0, x)`: the output where its derivative belongs.
struct OutputScaledReLU: ReLUBackwardMistake {
    func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * maximum(cache.x, 0) }
}
