import Curriculum
import Solutions
import Testing
import TensorKit

/// Each rule runs the steps of its NumPy fixture (scripts/reference/optimizers.py)
/// down the same quadratic valley, from zero accumulators, and must follow the NumPy
/// trajectory and end in the same state.
@Suite("Optimizers (reference)")
struct OptimizersTests {
    let rules = Optimizers()
    /// docs/design.md: optimizers ≤ 1e-7 against full-precision values.
    let threshold = 1e-7

    /// Runs `step` from the fixture's `w0` with the gradient of
    /// `½ Σ scale ⊙ (w − center)²`, as many times as the fixture has steps.
    /// - Returns: the weights after each step, stacked: `(steps, *w.shape)`.
    private func trajectory(_ f: Fixture, _ step: (Tensor, Tensor) -> Tensor) throws -> Tensor {
        let (scale, center) = (try f.tensor("scale"), try f.tensor("center"))
        let steps = try f.tensor("trajectory").shape[0]
        var w = try f.tensor("w0")
        var path: [Tensor] = []
        for _ in 0..<steps {
            w = step(w, scale * (w - center))
            path.append(w)
        }
        return Tensor.stack(path)
    }

    @Test("SGD follows the NumPy trajectory")
    func sgd() throws {
        let f = try Fixture("optimizers/sgd")
        var state = SGDState(learningRate: try f.parameter("learningRate"))
        let path = try trajectory(f) { rules.sgd($0, $1, state: &state) }
        expectClose(path, try f.tensor("trajectory"), below: threshold, "w after each step")
    }

    @Test("SGD with momentum follows the NumPy trajectory and velocity")
    func sgdMomentum() throws {
        let f = try Fixture("optimizers/sgd-momentum")
        var state = MomentumState(learningRate: try f.parameter("learningRate"),
                                  momentum: try f.parameter("momentum"))
        let path = try trajectory(f) { rules.sgdMomentum($0, $1, state: &state) }
        expectClose(path, try f.tensor("trajectory"), below: threshold, "w after each step")
        expectClose(try #require(state.velocity), try f.tensor("velocity"), below: threshold, "velocity")
    }

    @Test("Nesterov momentum follows the NumPy trajectory and velocity")
    func nesterovMomentum() throws {
        let f = try Fixture("optimizers/nesterov-momentum")
        var state = MomentumState(learningRate: try f.parameter("learningRate"),
                                  momentum: try f.parameter("momentum"))
        let path = try trajectory(f) { rules.nesterovMomentum($0, $1, state: &state) }
        expectClose(path, try f.tensor("trajectory"), below: threshold, "w after each step")
        expectClose(try #require(state.velocity), try f.tensor("velocity"), below: threshold, "velocity")
    }

    @Test("AdaGrad follows the NumPy trajectory and cache")
    func adaGrad() throws {
        let f = try Fixture("optimizers/adagrad")
        var state = AdaGradState(learningRate: try f.parameter("learningRate"),
                                 eps: try f.parameter("eps"))
        let path = try trajectory(f) { rules.adaGrad($0, $1, state: &state) }
        expectClose(path, try f.tensor("trajectory"), below: threshold, "w after each step")
        expectClose(try #require(state.cache), try f.tensor("cache"), below: threshold, "cache")
    }

    @Test("RMSProp follows the NumPy trajectory and cache")
    func rmsProp() throws {
        let f = try Fixture("optimizers/rmsprop")
        var state = RMSPropState(learningRate: try f.parameter("learningRate"),
                                 decayRate: try f.parameter("decayRate"),
                                 eps: try f.parameter("eps"))
        let path = try trajectory(f) { rules.rmsProp($0, $1, state: &state) }
        expectClose(path, try f.tensor("trajectory"), below: threshold, "w after each step")
        expectClose(try #require(state.cache), try f.tensor("cache"), below: threshold, "cache")
    }

    @Test("Adam follows the NumPy trajectory and moments, counting t once per step")
    func adam() throws {
        let f = try Fixture("optimizers/adam")
        var state = AdamState(learningRate: try f.parameter("learningRate"),
                              beta1: try f.parameter("beta1"), beta2: try f.parameter("beta2"),
                              eps: try f.parameter("eps"), t: Int(try f.parameter("t")))
        let path = try trajectory(f) { rules.adam($0, $1, state: &state) }
        expectClose(path, try f.tensor("trajectory"), below: threshold, "w after each step")
        expectClose(try #require(state.m), try f.tensor("m"), below: threshold, "m")
        expectClose(try #require(state.v), try f.tensor("v"), below: threshold, "v")
        #expect(state.t == path.shape[0])
    }

    @Test("Adam's first step moves every weight by about the learning rate, whatever its gradient's size")
    func adamFirstStep() {
        // With t = 1 the bias correction turns m and v back into dw and dw², so the
        // step is lr · dw / |dw|.
        var state = AdamState(learningRate: 1e-3)
        let w = rules.adam(.zeros(3), [1e-4, -2, 300], state: &state)
        expectClose(w, [-1e-3, 1e-3, -1e-3], below: 1e-4, "w after one step")
        #expect(state.t == 1)
    }

    @Test("the states' defaults are docs/design.md's")
    func defaults() {
        #expect(SGDState().learningRate == 1e-2)
        let momentum = MomentumState()
        #expect(momentum.learningRate == 1e-2 && momentum.momentum == 0.9)
        let rmsProp = RMSPropState()
        #expect(rmsProp.learningRate == 1e-2 && rmsProp.decayRate == 0.99 && rmsProp.eps == 1e-8)
        let adam = AdamState()
        #expect(adam.learningRate == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999)
        #expect(adam.eps == 1e-8 && adam.t == 0)
    }
}
