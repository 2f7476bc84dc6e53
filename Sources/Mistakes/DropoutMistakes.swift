import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in inverted dropout. The masks are drawn exactly as the reference draws
// them, one uniform number per unit from `parameters.makeGenerator()`, so that with a
// seed a mistake differs from the reference only by its mistake.

extension MistakeCatalog {
    /// Mistakes of the `dropout` exercise.
    public static let dropout: [Mistake] = [
        Mistake("dropout-keep-probability-as-drop", title: "keepProbability treated as the probability of dropping a unit",
                hint: "The fraction of units your forward pass zeroes is keepProbability, not 1 − keepProbability. Read the parameter's name once more: what does a draw below it decide?",
                handlers: .dropout(DropProbabilityDropout())),
        Mistake("dropout-no-train-rescaling", title: "kept units not divided by keepProbability in training",
                hint: "Your training output is smaller on average than its input. Inverted dropout makes the expected output equal the input during training already: by how much must each kept unit grow?",
                handlers: .dropout(UnscaledDropout())),
        Mistake("dropout-rescaled-at-test", title: "test mode scales the input instead of passing it through",
                hint: "Your test-mode output is not the input. In inverted dropout all of the rescaling happens during training: what is left for test time to do?",
                handlers: .dropout(TestScalingDropout())),
        Mistake("dropout-backward-without-mask", title: "backward passes dout through without the mask",
                hint: "Your dx is nonzero for units the forward pass dropped. A dropped unit's output did not depend on its input at all: what is its gradient, and how does the backward pass know which units those were?",
                handlers: .dropout(MasklessBackwardDropout())),
        Mistake("dropout-vanilla", title: "vanilla dropout: no 1/keepProbability in training, a factor keepProbability at test time",
                hint: "Your dropout scales at test time instead of at training time. Both keep the expected activation right, but which one lets test mode be the identity, so that a trained network runs unchanged?",
                handlers: .dropout(VanillaDropout())),
        Mistake("dropout-vanilla-test-backward-scaled", title: "vanilla dropout, with keepProbability in the test-mode backward pass too",
                hint: "Your dropout scales at test time, forward and backward, instead of at training time. Both keep the expected activation right, but which one lets test mode be the identity, so that a trained network runs unchanged?",
                handlers: .dropout(VanillaDropout(scalesTestBackward: true))),
        Mistake("dropout-backward-without-scaling", title: "backward multiplies by the 0/1 mask but forgets 1/keepProbability",
                hint: "Your dx has the right zeros but is too small where units were kept. The forward pass multiplied each kept unit by a constant: which one, and where is it in your backward pass?",
                handlers: .dropout(UnscaledBackwardDropout())),
    ]
}

/// The 0/1 mask of the units a uniform draw below `threshold` keeps, drawn as the
/// reference draws its own.
func keepMask(_ x: Tensor, _ parameters: DropoutParameters, below threshold: Double) -> Tensor {
    var generator = parameters.makeGenerator()
    return Tensor.randomUniform(x.shape, using: &generator) .< threshold
}

/// Train mode keeps a unit when its draw is at least `p` (so with probability
/// `1 − p`) and divides by `1 − p`: the other convention for the argument.
struct DropProbabilityDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        var (out, cache) = Dropout().forward(x, parameters: parameters)
        if parameters.mode == .train {
            let p = parameters.keepProbability
            let mask = (1 - keepMask(x, parameters, below: p)) / (1 - p)
            out = x * mask
            cache.mask = mask
        }
        return (out, cache)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor { Dropout().backward(dout, cache: cache) }
}

/// Train mode multiplies by the plain 0/1 mask, and so does the backward pass.
struct UnscaledDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        var (out, cache) = Dropout().forward(x, parameters: parameters)
        if parameters.mode == .train {
            let mask = keepMask(x, parameters, below: parameters.keepProbability)
            out = x * mask
            cache.mask = mask
        }
        return (out, cache)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor { Dropout().backward(dout, cache: cache) }
}

/// Test mode returns `x · keepProbability`, as vanilla dropout would; training is the
/// reference's inverted dropout.
struct TestScalingDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        let (out, cache) = Dropout().forward(x, parameters: parameters)
        return (parameters.mode == .test ? out * parameters.keepProbability : out, cache)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor { Dropout().backward(dout, cache: cache) }
}

/// `dx = dout`, whatever the forward pass dropped.
struct MasklessBackwardDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        Dropout().forward(x, parameters: parameters)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor { dout }
}

/// `dx = dout · (mask ≠ 0)`: the right units, without the forward pass's `1/p`.
struct UnscaledBackwardDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        Dropout().forward(x, parameters: parameters)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor {
        guard let mask = cache.mask else { return dout }
        return dout * (mask .!= 0)
    }
}

/// Training multiplies by the plain 0/1 mask, test mode by `keepProbability`: the
/// original, non-inverted dropout.
struct VanillaDropout: DropoutLayer {
    /// Whether the test-mode backward pass multiplies by `keepProbability` as its forward
    /// pass did (the derivative of that forward pass), rather than passing `dout` on as
    /// the course's skeleton does.
    var scalesTestBackward = false

    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Dropout.Cache) {
        if parameters.mode == .train { return UnscaledDropout().forward(x, parameters: parameters) }
        let (out, cache) = TestScalingDropout().forward(x, parameters: parameters)
        guard scalesTestBackward else { return (out, cache) }
        var scaling = cache
        scaling.mask = .zeros(like: x) + parameters.keepProbability
        return (out, scaling)
    }
    func backward(_ dout: Tensor, cache: Dropout.Cache) -> Tensor { Dropout().backward(dout, cache: cache) }
}
