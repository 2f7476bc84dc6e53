import Foundation
import TensorKit

/// Everything a ``Solver`` needs to carry on where it stopped: the model, the best
/// model so far, every optimizer state, the random generator, the history.
///
/// On disk a checkpoint is a folder: each parameter as a NumPy `.npy` file
/// (`W1.npy`, …; those of the best model in `best/`), which `numpy.load` reads, and
/// `checkpoint.json` with the rest.
public struct Checkpoint: Sendable, Hashable {
    /// The model at the end of the last completed epoch.
    public var model: ModelSnapshot
    /// The model with the best validation accuracy.
    public var best: ModelSnapshot
    /// Everything else, written as JSON.
    public var state: State

    /// The part of a checkpoint that is not parameters.
    public struct State: Sendable, Hashable, Codable {
        public var options: SolverOptions
        /// Epochs completed.
        public var epoch: Int
        public var history: TrainingHistory
        public var generator: SeededGenerator
        public var optimizerStates: [String: OptimizerKind]
        public var batchNormStates: [BatchNormState]
        public var bestBatchNormStates: [BatchNormState]
    }

    static let stateFile = "checkpoint.json"
    static let bestFolder = "best"
}

extension Solver {
    /// The solver's state after its last step.
    public func checkpoint() -> Checkpoint {
        let current = ModelSnapshot(of: model)
        return Checkpoint(
            model: current, best: best,
            state: .init(options: options, epoch: epoch, history: history, generator: generator,
                         optimizerStates: optimizerStates,
                         batchNormStates: current.batchNormStates,
                         bestBatchNormStates: best.batchNormStates))
    }

    /// A solver that continues the run `checkpoint` was taken from.
    /// - Parameters:
    ///   - model: a model built with the same configuration as the checkpointed one;
    ///     its parameters are replaced by the checkpoint's.
    ///   - rules: the update rules to call.
    ///   - training, validation: the same examples as the checkpointed run.
    ///   - checkpoint: the saved state.
    /// - Throws: ``CheckpointError/mismatchedParameters(_:)`` when the checkpoint's
    ///   parameters do not have the names and shapes of `model`'s.
    public init(model: Model, rules: Rules, training: LabeledExamples,
                validation: LabeledExamples, resumingFrom checkpoint: Checkpoint) throws(CheckpointError) {
        let expected = model.params.mapValues(\.shape)
        let found = checkpoint.model.params.mapValues(\.shape)
        guard expected == found else {
            throw .mismatchedParameters(
                "the model has \(Checkpoint.describe(expected)) but the checkpoint has \(Checkpoint.describe(found))")
        }
        let state = checkpoint.state
        self.init(model: model, rules: rules, training: training, validation: validation,
                  options: state.options)
        checkpoint.model.restore(into: &self.model)
        self.best = checkpoint.best
        self.epoch = state.epoch
        self.history = state.history
        self.generator = state.generator
        self.optimizerStates = state.optimizerStates
    }
}

extension Checkpoint {
    /// Writes the checkpoint into `directory`, creating it if needed and replacing the
    /// files of an earlier checkpoint there.
    public func write(to directory: URL) throws {
        let files = FileManager.default
        let bestDirectory = directory.appendingPathComponent(Self.bestFolder)
        try files.createDirectory(at: bestDirectory, withIntermediateDirectories: true)
        for (name, tensor) in model.params {
            try tensor.writeNPY(to: directory.appendingPathComponent(name + ".npy"))
        }
        for (name, tensor) in best.params {
            try tensor.writeNPY(to: bestDirectory.appendingPathComponent(name + ".npy"))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(state).write(to: directory.appendingPathComponent(Self.stateFile))
    }

    /// Reads a checkpoint written by ``write(to:)``.
    /// - Throws: ``CheckpointError`` naming the file that is missing or unreadable.
    public init(contentsOf directory: URL) throws {
        let stateURL = directory.appendingPathComponent(Self.stateFile)
        guard let data = try? Data(contentsOf: stateURL) else {
            throw CheckpointError.missingFile(stateURL.path)
        }
        let state: State
        do {
            state = try JSONDecoder().decode(State.self, from: data)
        } catch {
            throw CheckpointError.unreadableFile(stateURL.path, "\(error)")
        }
        func parameters(in folder: URL, names: some Sequence<String>) throws -> [String: Tensor] {
            var params: [String: Tensor] = [:]
            for name in names {
                params[name] = try Tensor(checkpointFile: folder.appendingPathComponent(name + ".npy"))
            }
            return params
        }
        // The optimizer keeps one state per parameter, so its keys name the files.
        let names = state.optimizerStates.keys
        self.init(
            model: ModelSnapshot(params: try parameters(in: directory, names: names),
                                 batchNormStates: state.batchNormStates),
            best: ModelSnapshot(params: try parameters(in: directory.appendingPathComponent(Self.bestFolder), names: names),
                                batchNormStates: state.bestBatchNormStates),
            state: state)
    }

    static func describe(_ shapes: [String: [Int]]) -> String {
        shapes.keys.sorted().map { "\($0) \(formatShape(shapes[$0]!))" }.joined(separator: ", ")
    }
}

extension Tensor {
    /// Reads one parameter of a checkpoint, with errors that name the file.
    init(checkpointFile url: URL) throws(CheckpointError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missingFile(url.path) }
        do {
            try self.init(npyFile: url)
        } catch {
            throw .unreadableFile(url.path, error.problem.description)
        }
    }
}
