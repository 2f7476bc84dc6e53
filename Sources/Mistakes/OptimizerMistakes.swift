import Curriculum
import Foundation
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the update rules. Each set of rules gets one rule wrong and takes the
// other five from the reference.

extension MistakeCatalog {
    /// Mistakes of the `optimizers` exercise.
    public static let optimizers: [Mistake] = [
        Mistake("optimizers-momentum-sign-flipped", title: "momentum's velocity stored with the gradient's sign flipped",
                hint: "Your weights move the right way, but the velocity you store points uphill. The velocity is the step the weights take: which sign should it have, and what else reads it on the next step?",
                handlers: .optimizers(FlippedVelocityRules())),
        Mistake("optimizers-momentum-velocity-of-raw-gradients", title: "momentum's velocity accumulated from raw gradients (μ·v + dw), the step −learningRate·v",
                hint: "Your velocity is not the one this course keeps. Here the velocity is the step the weights take, μ·v − learningRate·dw, and the next call reads it so: what does yours hold, and in what units?",
                handlers: .optimizers(RawGradientVelocityRules())),
        Mistake("optimizers-nesterov-as-momentum", title: "Nesterov momentum written as plain momentum",
                hint: "Your Nesterov step is exactly the momentum step. The look-ahead shows up, in the variables the caller holds, as a combination of the new velocity and the previous one: where is the previous one in your update?",
                handlers: .optimizers(PlainNesterovRules())),
        Mistake("optimizers-adagrad-no-accumulation", title: "AdaGrad's cache replaced by dw² instead of accumulated",
                hint: "Your AdaGrad cache only remembers the last gradient, so every step has about the same size whatever happened before. What should the cache hold after ten steps?",
                handlers: .optimizers(ForgetfulAdaGradRules())),
        Mistake("optimizers-rmsprop-eps-inside-sqrt", title: "RMSProp's eps inside the square root",
                hint: "Your RMSProp step is smaller than expected where gradients are small. Where does eps sit in the denominator, and how big is the square root of 1e-8?",
                handlers: .optimizers(EpsInsideRootRMSPropRules())),
        Mistake("optimizers-rmsprop-decay-swapped", title: "RMSProp's decay rate weights the new gradient instead of the cache",
                hint: "Your RMSProp cache follows the latest squared gradient almost entirely. Which of the two terms should the decay rate keep most of?",
                handlers: .optimizers(SwappedDecayRMSPropRules())),
        Mistake("optimizers-adam-no-bias-correction", title: "Adam without bias correction",
                hint: "Your Adam matches the reference only after many steps. The moments start at zero: what does that do to their averages early on, and what undoes it?",
                handlers: .optimizers(UncorrectedAdamRules())),
        Mistake("optimizers-adam-t-incremented-late", title: "Adam's t incremented after the bias correction",
                hint: "Your bias correction runs one step behind: on the very first step it divides by 1 − β⁰. When should the step counter move?",
                handlers: .optimizers(LateCounterAdamRules())),
        Mistake("optimizers-adam-betas-swapped", title: "Adam's beta1 and beta2 swapped between the moments",
                hint: "Your first moment forgets slowly and your second quickly. Which moment is the momentum-like one, and which decay rate belongs to each?",
                handlers: .optimizers(SwappedBetasAdamRules())),
    ]
}

/// Update rules that are the reference's unless a conforming type writes its own.
protocol OneMistakenRule: UpdateRules {}

extension OneMistakenRule {
    func sgd(_ w: Tensor, _ dw: Tensor, state: inout SGDState) -> Tensor {
        Optimizers().sgd(w, dw, state: &state)
    }
    func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        Optimizers().sgdMomentum(w, dw, state: &state)
    }
    func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        Optimizers().nesterovMomentum(w, dw, state: &state)
    }
    func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        Optimizers().adaGrad(w, dw, state: &state)
    }
    func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        Optimizers().rmsProp(w, dw, state: &state)
    }
    func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        Optimizers().adam(w, dw, state: &state)
    }
}

/// `v = μ·v + lr·dw`, `w − v`: the weights move correctly, the velocity is negated.
struct FlippedVelocityRules: OneMistakenRule {
    func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let velocity = state.momentum * (state.velocity ?? .zeros(like: w)) + state.learningRate * dw
        state.velocity = velocity
        return w - velocity
    }
}

/// `v = μ·v + dw`, `w − lr·v` (another library's convention): from a zero velocity the
/// weights move as the reference's, but the velocity is in gradient units, −1/lr times
/// the course's, and a given velocity is read so.
struct RawGradientVelocityRules: OneMistakenRule {
    func sgdMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let velocity = state.momentum * (state.velocity ?? .zeros(like: w)) + dw
        state.velocity = velocity
        return w - state.learningRate * velocity
    }
}

/// Nesterov's velocity update followed by momentum's step, `w + v`.
struct PlainNesterovRules: OneMistakenRule {
    func nesterovMomentum(_ w: Tensor, _ dw: Tensor, state: inout MomentumState) -> Tensor {
        let velocity = state.momentum * (state.velocity ?? .zeros(like: w)) - state.learningRate * dw
        state.velocity = velocity
        return w + velocity
    }
}

/// `cache = dw²`: the sum of squares reduced to its last term.
struct ForgetfulAdaGradRules: OneMistakenRule {
    func adaGrad(_ w: Tensor, _ dw: Tensor, state: inout AdaGradState) -> Tensor {
        let cache = dw * dw
        state.cache = cache
        return w - state.learningRate * dw / (sqrt(cache) + state.eps)
    }
}

/// `w − lr · dw / √(cache + eps)`.
struct EpsInsideRootRMSPropRules: OneMistakenRule {
    func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let cache = state.decayRate * (state.cache ?? .zeros(like: w)) + (1 - state.decayRate) * dw * dw
        state.cache = cache
        return w - state.learningRate * dw / sqrt(cache + state.eps)
    }
}

/// `cache = (1 − ρ)·cache + ρ·dw²`.
struct SwappedDecayRMSPropRules: OneMistakenRule {
    func rmsProp(_ w: Tensor, _ dw: Tensor, state: inout RMSPropState) -> Tensor {
        let cache = (1 - state.decayRate) * (state.cache ?? .zeros(like: w)) + state.decayRate * dw * dw
        state.cache = cache
        return w - state.learningRate * dw / (sqrt(cache) + state.eps)
    }
}

/// Adam with `m` and `v` used as they are.
struct UncorrectedAdamRules: OneMistakenRule {
    func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        state.t += 1
        let m = state.beta1 * (state.m ?? .zeros(like: w)) + (1 - state.beta1) * dw
        let v = state.beta2 * (state.v ?? .zeros(like: w)) + (1 - state.beta2) * dw * dw
        state.m = m
        state.v = v
        return w - state.learningRate * m / (sqrt(v) + state.eps)
    }
}

/// Adam with the correction computed from the old `t`. From a fresh state the first
/// step divides by `1 − β⁰ = 0`, and the weights become infinite or NaN.
struct LateCounterAdamRules: OneMistakenRule {
    func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        let m = state.beta1 * (state.m ?? .zeros(like: w)) + (1 - state.beta1) * dw
        let v = state.beta2 * (state.v ?? .zeros(like: w)) + (1 - state.beta2) * dw * dw
        state.m = m
        state.v = v
        let t = Double(state.t)
        let mHat = m / (1 - Foundation.pow(state.beta1, t))
        let vHat = v / (1 - Foundation.pow(state.beta2, t))
        state.t += 1
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}

/// Adam with `β2` for the first moment and `β1` for the second, in the averages and
/// in their bias corrections alike.
struct SwappedBetasAdamRules: OneMistakenRule {
    func adam(_ w: Tensor, _ dw: Tensor, state: inout AdamState) -> Tensor {
        state.t += 1
        let m = state.beta2 * (state.m ?? .zeros(like: w)) + (1 - state.beta2) * dw
        let v = state.beta1 * (state.v ?? .zeros(like: w)) + (1 - state.beta1) * dw * dw
        state.m = m
        state.v = v
        let t = Double(state.t)
        let mHat = m / (1 - Foundation.pow(state.beta2, t))
        let vHat = v / (1 - Foundation.pow(state.beta1, t))
        return w - state.learningRate * mHat / (sqrt(vHat) + state.eps)
    }
}
