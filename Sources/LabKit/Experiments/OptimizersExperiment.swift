import Curriculum

/// `lab experiment optimizers`: the six update rules on the same net, initialization
/// and minibatches, each with a learning rate that suits it.
enum OptimizersExperiment {
    /// The rules in the course's order, with the learning rates the course uses.
    static let rules: [(label: String, rule: OptimizerKind)] = [
        ("SGD", .sgd(SGDState(learningRate: 1e-2))),
        ("momentum", .sgdMomentum(MomentumState(learningRate: 1e-2))),
        ("Nesterov", .nesterovMomentum(MomentumState(learningRate: 1e-2))),
        ("AdaGrad", .adaGrad(AdaGradState(learningRate: 1e-2))),
        ("RMSProp", .rmsProp(RMSPropState(learningRate: 1e-4))),
        ("Adam", .adam(AdamState(learningRate: 1e-3))),
    ]

    static func run(_ context: ExperimentContext) -> ExperimentReport {
        let hidden = context.size([100, 100, 100, 100, 100], tiny: [20, 20])
        let data = context.dataset.limitingTraining(to: context.size(nil, tiny: 100))
        let epochs = context.size(10, tiny: 1)
        let runs = rules.map { rule in
            context.train("\(rule.label) (lr \(rule.rule.learningRate))",
                          context.network(hidden: hidden, initialization: .kaiming),
                          context.options(rule.rule, batchSize: 50, epochs: epochs), on: data)
        }
        let f = ReportFormatting.self
        let sgd = runs[0].finalLoss
        func check(_ index: Int) -> ExperimentReport.Check {
            .init("\(rules[index].label) ends with a lower training loss than SGD: \(f.number(runs[index].finalLoss)) against \(f.number(sgd)) (mean over the last epoch).",
                  holds: runs[index].finalLoss < sgd)
        }
        return ExperimentReport(
            name: Experiment.optimizers.rawValue,
            title: "Update rules: SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam",
            claim: "Plain SGD crawls along shallow directions and zig-zags across steep ones. Momentum accumulates a velocity that keeps moving along consistent directions, so it descends faster; Nesterov's look-ahead variant does at least as well. AdaGrad and RMSProp scale each weight's step by its gradient history, and Adam combines that with momentum: on a deep net they reduce the loss much faster than SGD. AdaGrad's steps only shrink, so it slows down over time.",
            setup: "\(data.summary). Hidden layers \(hidden), Kaiming initialization (with small weights this deep net's signal vanishes on the digits and plain SGD barely moves), batches of 50, \(epochs) epochs, the same initial weights and minibatch order for every rule, seed \(context.seed), implementation `\(context.trainer.implementation)`.",
            checks: [check(1), check(2), check(4), check(5)],
            tables: [f.runTable(runs)],
            figures: [
                .init("loss", f.lossChart("Training loss by update rule", runs, window: 10)),
                .init("train-accuracy", f.accuracyChart("Train accuracy by update rule", runs, \.trainAccuracies)),
                .init("validation-accuracy", f.accuracyChart("Validation accuracy by update rule", runs, \.validationAccuracies)),
            ])
    }
}
