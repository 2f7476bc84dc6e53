import TensorKit
import WorkerKit

/// One update rule as the checks see it: its call, hyper-parameters and accumulators.
struct UpdateRuleSpec: Sendable {
    /// The check id and fixture-name prefix, e.g. `"rmsprop"`.
    var id: String
    var title: String
    /// Its call, named as its function in `UpdateRules`.
    var call: WorkerCall
    var numbers: [String: Double]
    /// Hyper-parameters other than the course's defaults (which are `numbers`'s), so
    /// that a rule that ignores its state's values and uses the defaults is seen.
    var otherNumbers: [String: Double]
    /// Accumulator name → whether it must be positive (a sum of squares).
    var accumulators: [String: Bool]
    var hint: String

    static let all: [UpdateRuleSpec] = [
        UpdateRuleSpec(id: "sgd", title: "SGD", call: OptimizerCalls.sgd, numbers: ["learningRate": 1e-2],
                       otherNumbers: ["learningRate": 0.3], accumulators: [:], hint: "step against the gradient, scaled by the learning rate"),
        UpdateRuleSpec(id: "momentum", title: "SGD with momentum", call: OptimizerCalls.sgdMomentum,
                       numbers: ["learningRate": 1e-2, "momentum": 0.9],
                       otherNumbers: ["learningRate": 0.3, "momentum": 0.5], accumulators: ["velocity": false],
                       hint: "the velocity decays by momentum and moves against the gradient; the weights move by the velocity"),
        UpdateRuleSpec(id: "nesterov", title: "Nesterov momentum", call: OptimizerCalls.nesterovMomentum,
                       numbers: ["learningRate": 1e-2, "momentum": 0.9],
                       otherNumbers: ["learningRate": 0.3, "momentum": 0.5], accumulators: ["velocity": false],
                       hint: "Nesterov's step looks ahead: it uses both the new and the previous velocity"),
        UpdateRuleSpec(id: "adagrad", title: "AdaGrad", call: OptimizerCalls.adaGrad,
                       numbers: ["learningRate": 1e-2, "eps": 1e-8],
                       otherNumbers: ["learningRate": 0.3, "eps": 0.1], accumulators: ["cache": true],
                       hint: "the cache accumulates squared gradients over all steps; eps goes outside the square root"),
        UpdateRuleSpec(id: "rmsprop", title: "RMSProp", call: OptimizerCalls.rmsProp,
                       numbers: ["learningRate": 1e-2, "decayRate": 0.99, "eps": 1e-8],
                       otherNumbers: ["learningRate": 0.3, "decayRate": 0.5, "eps": 0.1], accumulators: ["cache": true],
                       hint: "the cache is a decaying average of squared gradients; eps goes outside the square root"),
        UpdateRuleSpec(id: "adam", title: "Adam", call: OptimizerCalls.adam,
                       numbers: ["learningRate": 1e-2, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "t": 5],
                       otherNumbers: ["learningRate": 0.3, "beta1": 0.5, "beta2": 0.7, "eps": 0.1, "t": 5],
                       accumulators: ["m": false, "v": true],
                       hint: "increment t first, then correct both moments' bias with it"),
    ]

    /// One step from a state already under way.
    func stepRecipe() -> FixtureRecipe {
        FixtureRecipe("\(id)-step", outputs: ["w", "t"] + accumulators.keys.sorted()) { g in
            var tensors = ["w": normal([4, 5], &g), "dw": normal([1, 4, 5], &g)]
            // In sorted order: a dictionary's own order changes from run to run.
            for name in accumulators.keys.sorted() {
                let a = normal([4, 5], &g, std: 0.5)
                tensors[name] = accumulators[name]! ? a * a : a
            }
            return call.request(tensors: tensors, numbers: numbers)
        }
    }

    /// Ten steps from a fresh state (accumulators `nil`, `t = 0`), with gradients of
    /// size `gradientScale`, with `hyperParameters` (the course's defaults, `numbers`,
    /// when `nil`).
    func trajectoryRecipe(_ name: String? = nil, gradientScale: Double = 1,
                          hyperParameters: [String: Double]? = nil) -> FixtureRecipe {
        FixtureRecipe(name ?? "\(id)-trajectory", outputs: ["w", "t"] + accumulators.keys.sorted()) { g in
            var fresh = hyperParameters ?? numbers
            if fresh["t"] != nil { fresh["t"] = 0 }
            return call.request(tensors: ["w": normal([3, 4], &g), "dw": normal([10, 3, 4], &g, std: gradientScale)],
                               numbers: fresh)
        }
    }

    /// The cases of the rule's check: one step, a trajectory with the default
    /// hyper-parameters and one with others (every hyper-parameter of the course's
    /// fixtures is its default, so a rule that hard-codes the defaults would pass
    /// them all), and for the rules that divide by a root of squared gradients, a
    /// trajectory whose gradients of 1e-6 make that root (1e-6 or less) comparable
    /// with eps (1e-8): with gradients of 1, eps inside or outside the root moves w by
    /// 1e-8 relative, below every threshold.
    var recipes: [FixtureRecipe] {
        [stepRecipe(), trajectoryRecipe(),
         trajectoryRecipe("\(id)-other-hyperparameters", hyperParameters: otherNumbers)]
            + (numbers["eps"] == nil ? [] : [trajectoryRecipe("\(id)-small-gradients", gradientScale: 1e-6)])
    }
}

extension ExerciseChecks {
    /// `optimizers`: one step and a ten-step trajectory of each update rule.
    public static let optimizers = ExerciseChecks(
        name: "optimizers", title: "Update rules", stubFile: "Sources/Exercises/Optimizers.swift",
        fixtureRecipes: UpdateRuleSpec.all.flatMap(\.recipes),
        checks: UpdateRuleSpec.all.map { rule in
            .matchesFixtures(rule.id, "\(rule.title): one step and ten-step trajectories match the reference",
                             cases: rule.recipes.map(\.name),
                             hints: Dictionary(uniqueKeysWithValues: (["w"] + rule.accumulators.keys.sorted()).map { ($0, rule.hint) }))
        })
}
