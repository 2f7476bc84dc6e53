import Curriculum
import Foundation

/// `lab train`: trains one network and writes its history and charts.
enum TrainCommand {
    static let name = "lab train"
    static let options: Set<String> = DataOptions.names.union([
        "impl", "model", "hidden", "norm", "keep", "reg", "init", "optimizer", "lr", "momentum",
        "decay-rate", "beta1", "beta2", "eps", "lr-decay", "batch-size", "epochs", "seed",
        "train-samples", "out", "resume",
    ])
    static let flags: Set<String> = ["checkpoint", "plain"]

    static let help = """
    USAGE: lab train [options]

    Trains a network on a data set, showing its progress, and writes into --out:
    loss.csv, accuracy.csv and history.json (the run's history), loss.svg and
    accuracy.svg (charts that open in any browser), and with --checkpoint a
    checkpoint/ folder after every epoch.

    Whose code:
      --impl NAME           student (your Sources/Exercises, the default) or solutions
                            (the reference, when the package has it)

    Data:
    \(DataOptions.help)

    Network:
      --model NAME          fc (FullyConnectedNet, the default) or two-layer (TwoLayerNet)
      --hidden W,W,…        hidden layer widths (default 256; two-layer takes one width)
      --norm NAME           none (default), batchnorm or layernorm (fc only)
      --keep P              dropout keep probability, 1 = no dropout (default; fc only)
      --reg R               L2 regularization strength (default 0)
      --init X              initial weights: a standard deviation such as 0.01, xavier or
                            kaiming (default kaiming; two-layer: a number, default 0.001)

    Optimizer:
      --optimizer NAME      \(OptimizerKind.names.joined(separator: ", ")) (default adam)
      --lr X                learning rate (default: the rule's own, e.g. 1e-3 for adam)
      --momentum X          momentum and nesterov: velocity kept per step (default 0.9)
      --decay-rate X        rmsprop: decay of the squared-gradient average (default 0.99)
      --beta1 X, --beta2 X  adam: decay of the moment estimates (default 0.9, 0.999)
      --eps X               adagrad, rmsprop, adam: added to the denominator (default 1e-8)
      --lr-decay X          multiply the learning rate by X after every epoch (default 1)

    Schedule:
      --batch-size N        examples per step (default 50)
      --epochs N            passes over the training set (default 20)
      --seed N              seeds the initial weights and the example order (default 0)
      --train-samples N     measure train accuracy on N examples (default 1000)

    Output:
      --out DIR             where to write (default lab-runs/train)
      --checkpoint          write DIR/checkpoint after every epoch
      --resume DIR          continue from a checkpoint folder; pass the same options as
                            the interrupted run, which ends exactly where it would have
      --plain               one line per epoch even on a terminal (no progress bar)
    """

    /// What the run was asked to do, recorded in history.json.
    struct Settings: Encodable {
        var implementation: String
        var dataset: String
        var model: String
        var network: NetworkConfiguration
        var solver: SolverOptions
    }

    /// The run's outcome, recorded in history.json.
    struct Summary: Encodable {
        var settings: Settings
        var testAccuracy: Double
        var bestValidationAccuracy: Double
        var bestEpoch: Int
        var seconds: Double
    }

    /// The exercises a run with these options uses, in the course's order.
    static func needs(_ arguments: Arguments) -> [String] {
        let twoLayer = arguments.string("model") == "two-layer"
        let norm = arguments.string("norm").flatMap { ["batchnorm", "layernorm"].contains($0) ? $0 : nil }
        let dropout = arguments.string("keep").flatMap(Double.init).map { $0 < 1 } ?? false
        return ["affine", "relu"] + (twoLayer ? ["two-layer-net"] : []) + ["optimizers"] + (twoLayer ? [] : ["fc-net"])
            + (norm.map { [$0] } ?? []) + (dropout ? ["dropout"] : [])
    }

    static func run(_ arguments: Arguments, implementation: any Implementation.Type,
                    console: Console) throws -> Int32 {
        try run(arguments, implementation, console: console)
    }

    private static func run<I: Implementation>(_ arguments: Arguments, _ implementation: I.Type,
                                               console: Console) throws -> Int32 {
        let seed = UInt64(try arguments.int("seed", default: 0, minimum: 0))
        let data = try DataOptions.load(arguments, seed: seed, environment: console.environment)
        let model = try arguments.choice("model", from: ["fc", "two-layer"], default: "fc")
        let network = try networkConfiguration(arguments, model: model, data: data, seed: seed)
        let solver = try solverOptions(arguments, seed: seed)
        let settings = Settings(implementation: I.name, dataset: data.name, model: model,
                                network: network, solver: solver)
        console.print(data.summary)
        console.print("\(model == "fc" ? "FullyConnectedNet" : "TwoLayerNet") (\(I.name)): hidden \(network.hiddenDimensions), \(network.normalization?.rawValue ?? "no normalization"), keep \(network.keepProbability), reg \(network.reg); \(solver.optimizer.name) lr \(solver.optimizer.learningRate), batch \(solver.batchSize), \(solver.epochs) epochs")
        if model == "fc" {
            return try train(I.FullyConnectedNet(network), I.Optimizers(), settings: settings, data: data,
                             arguments: arguments, console: console)
        }
        guard case .scale(let scale) = network.initialization else {
            throw UsageError("two-layer takes --init as a standard deviation, such as 0.001", command: name)
        }
        let net = I.TwoLayerNet(inputDimension: network.inputDimension, hiddenDimension: network.hiddenDimensions[0],
                             classes: network.classes, weightScale: scale, reg: network.reg, seed: seed)
        return try train(net, I.Optimizers(), settings: settings, data: data, arguments: arguments, console: console)
    }

    static func networkConfiguration(_ arguments: Arguments, model: String, data: Dataset,
                                     seed: UInt64) throws(UsageError) -> NetworkConfiguration {
        let hiddenText = arguments.string("hidden") ?? "256"
        let hidden = hiddenText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard hidden.count == hiddenText.split(separator: ",").count, hidden.allSatisfy({ $0 > 0 }) else {
            throw UsageError("'--hidden \(hiddenText)': expected positive widths separated by commas, such as 100,50", command: name)
        }
        let normalization: Normalization? = switch try arguments.choice("norm", from: ["none", "batchnorm", "layernorm"], default: "none") {
        case "none": nil
        case let other: Normalization(rawValue: other)
        }
        let keep = try arguments.double("keep") ?? 1
        guard keep > 0, keep <= 1 else { throw UsageError("'--keep \(keep)': a keep probability is in (0, 1]", command: name) }
        if model == "two-layer" {
            guard hidden.count == 1 else { throw UsageError("two-layer has one hidden layer; --hidden takes one width", command: name) }
            guard normalization == nil, keep == 1 else { throw UsageError("--norm and --keep need --model fc", command: name) }
        }
        let initText = arguments.string("init") ?? (model == "fc" ? "kaiming" : "0.001")
        let initialization: WeightInitialization
        switch initText {
        case "xavier": initialization = .xavier
        case "kaiming": initialization = .kaiming
        default:
            guard let scale = Double(initText), scale > 0 else {
                throw UsageError("'--init \(initText)': expected a standard deviation such as 0.01, xavier or kaiming", command: name)
            }
            initialization = .scale(scale)
        }
        return NetworkConfiguration(inputDimension: data.inputDimension, hiddenDimensions: hidden,
                                    classes: data.classes, normalization: normalization,
                                    keepProbability: keep, reg: try arguments.double("reg") ?? 0,
                                    initialization: initialization, seed: seed)
    }

    static func solverOptions(_ arguments: Arguments, seed: UInt64) throws(UsageError) -> SolverOptions {
        let ruleName = try arguments.choice("optimizer", from: OptimizerKind.names, default: "adam")
        var rule = OptimizerKind(name: ruleName)!
        // Each hyper-parameter flag applies to some rules only; a flag the chosen rule
        // ignores is an error rather than a silent no-op.
        let applicable: [String: Set<String>] = [
            "momentum": ["momentum", "nesterov"], "decay-rate": ["rmsprop"],
            "beta1": ["adam"], "beta2": ["adam"], "eps": ["adagrad", "rmsprop", "adam"],
        ]
        for (flag, rules) in applicable where arguments.has(flag) && !rules.contains(ruleName) {
            throw UsageError("--\(flag) does not apply to --optimizer \(ruleName)", command: name)
        }
        let momentum = try arguments.double("momentum"), decay = try arguments.double("decay-rate")
        let beta1 = try arguments.double("beta1"), beta2 = try arguments.double("beta2")
        let eps = try arguments.double("eps")
        switch rule {
        case .sgd: break
        case .sgdMomentum(var s): s.momentum = momentum ?? s.momentum; rule = .sgdMomentum(s)
        case .nesterovMomentum(var s): s.momentum = momentum ?? s.momentum; rule = .nesterovMomentum(s)
        case .adaGrad(var s): s.eps = eps ?? s.eps; rule = .adaGrad(s)
        case .rmsProp(var s): s.decayRate = decay ?? s.decayRate; s.eps = eps ?? s.eps; rule = .rmsProp(s)
        case .adam(var s):
            s.beta1 = beta1 ?? s.beta1; s.beta2 = beta2 ?? s.beta2; s.eps = eps ?? s.eps
            rule = .adam(s)
        }
        if let lr = try arguments.double("lr") { rule.learningRate = lr }
        return SolverOptions(optimizer: rule, learningRateDecay: try arguments.double("lr-decay") ?? 1,
                             batchSize: try arguments.int("batch-size", default: 50),
                             epochs: try arguments.int("epochs", default: 20),
                             trainAccuracySamples: try arguments.int("train-samples", default: 1000),
                             seed: seed)
    }

    private static func train<Model: Classifier, Rules: UpdateRules>(
        _ model: Model, _ rules: Rules, settings: Settings, data: Dataset,
        arguments: Arguments, console: Console
    ) throws -> Int32 {
        let out = URL(fileURLWithPath: arguments.string("out") ?? "lab-runs/train")
        var solver: Solver<Model, Rules>
        if let resume = arguments.string("resume") {
            let checkpoint = try Checkpoint(contentsOf: URL(fileURLWithPath: resume))
            solver = try Solver(model: model, rules: rules, training: data.training,
                                validation: data.validation, resumingFrom: checkpoint)
            console.print("resuming after epoch \(solver.epoch) of \(solver.options.epochs) from \(resume)")
        } else {
            solver = Solver(model: model, rules: rules, training: data.training,
                            validation: data.validation, options: settings.solver)
        }
        let printer = ProgressPrinter(interactive: console.isTerminal && !arguments.has("plain"),
                                      write: console.write)
        let start = Date()
        do {
            while solver.epoch < solver.options.epochs {
                try solver.trainEpoch(progress: printer.report)
                if arguments.has("checkpoint") {
                    try solver.checkpoint().write(to: out.appendingPathComponent("checkpoint"))
                }
            }
        } catch let error as SolverError {
            console.error("error: \(error)")
            try HistoryFiles.write(solver.history, summary: settings, to: out)
            console.error("the history up to that point is in \(out.path)")
            return 1
        }
        solver.restoreBest()
        let seconds = Date().timeIntervalSince(start)
        let test = solver.accuracy(on: data.test)
        let best = solver.history.best ?? (0, 0)
        console.print("best validation accuracy \(ProgressPrinter.percent(best.accuracy)) after epoch \(best.epoch); test accuracy of that model \(ProgressPrinter.percent(test)); \(String(format: "%.1f", seconds))s")
        try HistoryFiles.write(solver.history, summary: Summary(settings: settings, testAccuracy: test,
                                                                bestValidationAccuracy: best.accuracy,
                                                                bestEpoch: best.epoch, seconds: seconds),
                               to: out)
        console.print("wrote \(out.path)/{loss,accuracy}.{csv,svg} and history.json")
        return 0
    }
}
