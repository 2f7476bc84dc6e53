import CommandLineKit
import Curriculum
import Foundation

/// `lab train`: trains one network and writes its history and charts.
enum TrainCommand {
    static let name = "lab train"
    /// What `lab train --help` says under its usage line.
    static let discussion = """
        Trains a network on a data set, showing its progress, and writes into --out:
        loss.csv, accuracy.csv and history.json (the run's history), loss.svg and
        accuracy.svg (charts that open in any browser), and with --checkpoint a
        checkpoint/ folder after every epoch.
        """

    /// Its network, optimizer and schedule options.
    static let options: [CommandOption] = [
        CommandOption("model", value: .required("NAME", .choice(["fc", "two-layer", "convnet"])), commands: ["train"], group: "Network",
                      help: "fc (FullyConnectedNet, the default), two-layer (TwoLayerNet) or convnet (ConvNet; image data only)"),
        CommandOption("hidden", value: .required("W,W,…", .text), commands: ["train"], group: "Network",
                      help: "hidden layer widths (default 256; two-layer takes one width; convnet: after the conv layers, default none)"),
        CommandOption("filters", value: .required("F,F,…", .text), commands: ["train"], group: "Network",
                      help: "convnet: filters of each conv layer (default 32,64)"),
        CommandOption("filter-size", value: .required("K", .positiveInteger), commands: ["train"], group: "Network",
                      help: "convnet: K of the K×K filters, odd (default 3)"),
        CommandOption("pools", value: .required("I,I,…", .text), commands: ["train"], group: "Network",
                      help: "convnet: conv layers (from 0) followed by a 2×2 max pool (default: every layer)"),
        CommandOption("norm", value: .required("NAME", .choice(["none", "batchnorm", "layernorm"])), commands: ["train"],
                      group: "Network", help: "none (default), batchnorm or layernorm (fc only); convnet: batchnorm is spatial batch norm"),
        CommandOption("keep", value: .required("P", .number), commands: ["train"], group: "Network",
                      help: "dropout keep probability, 1 = no dropout (default; fc only)"),
        CommandOption("reg", value: .required("R", .number), commands: ["train"], group: "Network",
                      help: "L2 regularization strength (default 0)"),
        CommandOption("init", value: .required("X", .text), commands: ["train"], group: "Network",
                      help: "initial weights: a standard deviation such as 0.01, xavier or kaiming (default kaiming; two-layer: a number, default 0.001)"),
        CommandOption("optimizer", value: .required("NAME", .choice(OptimizerKind.names)), commands: ["train"], group: "Optimizer",
                      help: "\(OptimizerKind.names.joined(separator: ", ")) (default adam)"),
        CommandOption("lr", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "learning rate (default: the rule's own, e.g. 1e-3 for adam)"),
        CommandOption("momentum", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "momentum and nesterov: velocity kept per step (default 0.9)"),
        CommandOption("decay-rate", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "rmsprop: decay of the squared-gradient average (default 0.99)"),
        CommandOption("beta1", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "adam: decay of the first moment estimate (default 0.9)"),
        CommandOption("beta2", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "adam: decay of the second moment estimate (default 0.999)"),
        CommandOption("eps", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "adagrad, rmsprop, adam: added to the denominator (default 1e-8)"),
        CommandOption("lr-decay", value: .required("X", .number), commands: ["train"], group: "Optimizer",
                      help: "multiply the learning rate by X after every epoch (default 1)"),
        CommandOption("batch-size", value: .required("N", .positiveInteger), commands: ["train"], group: "Schedule",
                      help: "examples per step (default 50)"),
        CommandOption("epochs", value: .required("N", .positiveInteger), commands: ["train"], group: "Schedule",
                      help: "passes over the training set (default 20)"),
        CommandOption("train-samples", value: .required("N", .positiveInteger), commands: ["train"], group: "Schedule",
                      help: "measure train accuracy on N examples (default 1000)"),
    ]

    /// Its options about what it writes, after `--out`.
    static let outputOptions: [CommandOption] = [
        CommandOption("checkpoint", commands: ["train"], group: "Output", help: "write DIR/checkpoint after every epoch"),
        CommandOption("resume", value: .required("DIR", .text), commands: ["train"], group: "Output",
                      help: "continue from a checkpoint folder; pass the same options as the interrupted run, which ends exactly where it would have"),
        CommandOption("plain", commands: ["train"], group: "Output",
                      help: "one line per epoch even on a terminal (no progress bar)"),
    ]

    /// What the run was asked to do, recorded in history.json.
    struct Settings: Encodable {
        var implementation: String
        var dataset: String
        var model: String
        /// The fully-connected net's configuration (also the two-layer net's sizes).
        var network: NetworkConfiguration?
        /// The ConvNet's configuration.
        var convNet: ConvNetConfiguration?
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
    static func needs(_ arguments: ParsedCommandLine) -> [String] {
        let twoLayer = arguments.string("model") == "two-layer"
        let norm = arguments.string("norm").flatMap { ["batchnorm", "layernorm"].contains($0) ? $0 : nil }
        if arguments.string("model") == "convnet" {
            return ["affine", "relu", "optimizers"] + (norm == "batchnorm" ? ["batchnorm", "spatial-batchnorm"] : []) + ["convnet"]
        }
        let dropout = arguments.string("keep").flatMap(Double.init).map { $0 < 1 } ?? false
        return ["affine", "relu"] + (twoLayer ? ["two-layer-net"] : []) + ["optimizers"] + (twoLayer ? [] : ["fc-net"])
            + (norm.map { [$0] } ?? []) + (dropout ? ["dropout"] : [])
    }

    static func run(_ arguments: ParsedCommandLine, implementation: any Implementation.Type,
                    console: Console) throws -> Int32 {
        try run(arguments, implementation, console: console)
    }

    private static func run<I: Implementation>(_ arguments: ParsedCommandLine, _ implementation: I.Type,
                                               console: Console) throws -> Int32 {
        let seed = arguments.wholeNumber("seed") ?? 0
        let data = try DataOptions.load(arguments, seed: seed, environment: console.environment)
        let model = arguments.string("model") ?? "fc"
        let solver = try solverOptions(arguments, seed: seed)
        if model == "convnet" {
            let network = try convNetConfiguration(arguments, data: data, seed: seed)
            let settings = Settings(implementation: I.name, dataset: data.name, model: model, convNet: network, solver: solver)
            console.print(data.summary)
            console.print("ConvNet (\(I.name)): filters \(network.filters) of \(network.filterSize)×\(network.filterSize), pools after \(network.pools), hidden \(network.hiddenDimensions), \(network.batchNorm ? "spatial batchnorm" : "no normalization"), reg \(network.reg); \(solver.optimizer.name) lr \(solver.optimizer.learningRate), batch \(solver.batchSize), \(solver.epochs) epochs")
            return try train(ImageClassifier(I.ConvNet(network)), I.Optimizers(), settings: settings, data: data,
                             arguments: arguments, console: console)
        }
        let network = try networkConfiguration(arguments, model: model, data: data, seed: seed)
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

    /// The ConvNet of `--filters`, `--filter-size`, `--pools`, `--hidden`, `--norm`,
    /// `--reg` and `--init`, for the images of `data`.
    static func convNetConfiguration(_ arguments: ParsedCommandLine, data: Dataset,
                                     seed: UInt64) throws(UsageError) -> ConvNetConfiguration {
        guard let imageShape = data.imageShape else {
            throw UsageError("--model convnet needs images; \(data.name) has none (use digits or cifar10)", command: name)
        }
        let filters = try widths(arguments.string("filters") ?? "32,64", option: "filters")
        let filterSize = arguments.integer("filter-size") ?? 3
        guard filterSize % 2 == 1 else { throw UsageError("'--filter-size \(filterSize)': an odd size keeps the images' size", command: name) }
        let pools = try arguments.string("pools").map { text throws(UsageError) in
            let pools = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard pools.count == text.split(separator: ",").count, pools.allSatisfy(filters.indices.contains) else {
                throw UsageError("'--pools \(text)': expected conv layers from 0 to \(filters.count - 1), such as 0,1", command: name)
            }
            return pools
        } ?? Array(filters.indices)
        let halvings = pools.count
        guard imageShape[1] >> halvings > 0, imageShape[2] >> halvings > 0 else {
            throw UsageError("'--pools': \(halvings) pools leave nothing of \(imageShape[1])×\(imageShape[2]) images", command: name)
        }
        let hidden = try arguments.string("hidden").map { text throws(UsageError) in try widths(text, option: "hidden") } ?? []
        let norm = arguments.string("norm") ?? "none"
        guard norm != "layernorm" else { throw UsageError("--model convnet takes --norm none or batchnorm", command: name) }
        guard !arguments.has("keep") else { throw UsageError("--keep needs --model fc", command: name) }
        return ConvNetConfiguration(inputShape: imageShape, filters: filters, filterSize: filterSize, pools: pools,
                                    hiddenDimensions: hidden, classes: data.classes, batchNorm: norm == "batchnorm",
                                    reg: arguments.number("reg") ?? 0,
                                    initialization: try initialization(arguments.string("init") ?? "kaiming"), seed: seed)
    }

    /// Positive widths separated by commas, or a usage error naming `--option`.
    private static func widths(_ text: String, option: String) throws(UsageError) -> [Int] {
        let values = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.count == text.split(separator: ",").count, values.allSatisfy({ $0 > 0 }) else {
            throw UsageError("'--\(option) \(text)': expected positive widths separated by commas, such as 100,50", command: name)
        }
        return values
    }

    /// `--init`: a standard deviation, `xavier` or `kaiming`.
    private static func initialization(_ text: String) throws(UsageError) -> WeightInitialization {
        switch text {
        case "xavier": return .xavier
        case "kaiming": return .kaiming
        default:
            guard let scale = Double(text), scale > 0 else {
                throw UsageError("'--init \(text)': expected a standard deviation such as 0.01, xavier or kaiming", command: name)
            }
            return .scale(scale)
        }
    }

    static func networkConfiguration(_ arguments: ParsedCommandLine, model: String, data: Dataset,
                                     seed: UInt64) throws(UsageError) -> NetworkConfiguration {
        let hiddenText = arguments.string("hidden") ?? "256"
        let hidden = hiddenText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard hidden.count == hiddenText.split(separator: ",").count, hidden.allSatisfy({ $0 > 0 }) else {
            throw UsageError("'--hidden \(hiddenText)': expected positive widths separated by commas, such as 100,50", command: name)
        }
        let normalization: Normalization? = switch arguments.string("norm") ?? "none" {
        case "none": nil
        case let other: Normalization(rawValue: other)
        }
        let keep = arguments.number("keep") ?? 1
        guard keep > 0, keep <= 1 else { throw UsageError("'--keep \(keep)': a keep probability is in (0, 1]", command: name) }
        if model == "two-layer" {
            guard hidden.count == 1 else { throw UsageError("two-layer has one hidden layer; --hidden takes one width", command: name) }
            guard normalization == nil, keep == 1 else { throw UsageError("--norm and --keep need --model fc", command: name) }
        }
        let initialization = try initialization(arguments.string("init") ?? (model == "fc" ? "kaiming" : "0.001"))
        return NetworkConfiguration(inputDimension: data.inputDimension, hiddenDimensions: hidden,
                                    classes: data.classes, normalization: normalization,
                                    keepProbability: keep, reg: arguments.number("reg") ?? 0,
                                    initialization: initialization, seed: seed)
    }

    static func solverOptions(_ arguments: ParsedCommandLine, seed: UInt64) throws(UsageError) -> SolverOptions {
        let ruleName = arguments.string("optimizer") ?? "adam"
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
        let momentum = arguments.number("momentum"), decay = arguments.number("decay-rate")
        let beta1 = arguments.number("beta1"), beta2 = arguments.number("beta2")
        let eps = arguments.number("eps")
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
        if let lr = arguments.number("lr") { rule.learningRate = lr }
        return SolverOptions(optimizer: rule, learningRateDecay: arguments.number("lr-decay") ?? 1,
                             batchSize: arguments.integer("batch-size") ?? 50,
                             epochs: arguments.integer("epochs") ?? 20,
                             trainAccuracySamples: arguments.integer("train-samples") ?? 1000,
                             seed: seed)
    }

    private static func train<Model: Classifier, Rules: UpdateRules>(
        _ model: Model, _ rules: Rules, settings: Settings, data: Dataset,
        arguments: ParsedCommandLine, console: Console
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
