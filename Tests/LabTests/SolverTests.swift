import Curriculum
import Foundation
import LabKit
import Testing
import TensorKit

/// The Solver (Sources/Curriculum/Solver.swift) driving the reference net and optimizers
/// on the spirals: 2-d points, 3 classes, small enough to train in well under a second.
@Suite("Solver")
struct SolverTests {
    static let data = Spirals.dataset(classes: 3, pointsPerClass: 60, seed: 1)

    static func network(_ normalization: Normalization? = nil, seed: UInt64 = 3) -> Reference.FullyConnectedNet {
        Reference.FullyConnectedNet(NetworkConfiguration(inputDimension: 2, hiddenDimensions: [30, 30], classes: 3,
                                               normalization: normalization, initialization: .kaiming, seed: seed))
    }

    static func solver(_ model: Reference.FullyConnectedNet = network(), optimizer: OptimizerKind = .adam(AdamState(learningRate: 1e-2)),
                       epochs: Int = 4, decay: Double = 1) -> Solver<Reference.FullyConnectedNet, Reference.Optimizers> {
        Solver(model: model, rules: Reference.Optimizers(), training: data.training, validation: data.validation,
               options: SolverOptions(optimizer: optimizer, learningRateDecay: decay, batchSize: 20,
                                      epochs: epochs, trainAccuracySamples: 50, seed: 11))
    }

    @Test("training lowers the loss and records one loss per step and accuracies per epoch")
    func lossDecreases() throws {
        var solver = Self.solver(epochs: 15)
        try solver.train()
        let history = solver.history
        #expect(history.iterationsPerEpoch == Self.data.training.count / 20)
        #expect(history.losses.count == 15 * history.iterationsPerEpoch)
        #expect(history.trainAccuracies.count == 16)
        #expect(history.validationAccuracies.count == 16)
        #expect(history.meanLoss(epoch: 15) < 0.5 * history.meanLoss(epoch: 1))
        #expect(history.validationAccuracies.max()! > history.validationAccuracies[0] + 0.3)
    }

    @Test("the learning rate decays once per epoch")
    func learningRateDecay() throws {
        var solver = Self.solver(optimizer: .sgdMomentum(MomentumState(learningRate: 0.1)), epochs: 3, decay: 0.5)
        try solver.train()
        #expect(solver.history.learningRates == [0.1, 0.05, 0.025])
        #expect(solver.learningRate == 0.0125)
    }

    @Test("the parameters and running statistics with the best validation accuracy are restored")
    func bestRestored() throws {
        // A learning rate that grows 3× per epoch makes the later epochs worse than
        // the best one, so the restored model is not the last one.
        var solver = Self.solver(Self.network(.batch), optimizer: .sgd(SGDState(learningRate: 0.05)), epochs: 6, decay: 3)
        var last: ModelSnapshot?
        while solver.epoch < solver.options.epochs {
            try solver.trainEpoch()
            last = ModelSnapshot(of: solver.model)
        }
        let best = try #require(solver.history.best)
        try #require(best.epoch < 6, "this run must peak before its last epoch to test anything")
        solver.restoreBest()
        #expect(ModelSnapshot(of: solver.model) == solver.best)
        #expect(ModelSnapshot(of: solver.model) != last)
        #expect(solver.accuracy(on: Self.data.validation) == best.accuracy)
        #expect(solver.model.batchNormStates == solver.best.batchNormStates)
    }

    @Test("a run resumed from a checkpoint on disk ends exactly where an uninterrupted one does",
          arguments: ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
    func checkpointResume(rule: String) throws {
        let optimizer = OptimizerKind(name: rule)!
        var uninterrupted = Self.solver(Self.network(.batch), optimizer: optimizer, epochs: 3, decay: 0.9)
        try uninterrupted.train()

        var interrupted = Self.solver(Self.network(.batch), optimizer: optimizer, epochs: 3, decay: 0.9)
        try interrupted.trainEpoch()
        let folder = try temporaryDirectory()
        try interrupted.checkpoint().write(to: folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("W1.npy").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("best/gamma1.npy").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("checkpoint.json").path))

        let checkpoint = try Checkpoint(contentsOf: folder)
        #expect(checkpoint == interrupted.checkpoint(), "what is read back is what was written")
        // A fresh net with other initial weights: everything must come from the checkpoint.
        var resumed = try Solver(model: Self.network(.batch, seed: 99), rules: Reference.Optimizers(),
                                 training: Self.data.training, validation: Self.data.validation,
                                 resumingFrom: checkpoint)
        #expect(resumed.epoch == 1)
        try resumed.train()
        #expect(resumed.model.params == uninterrupted.model.params)
        #expect(resumed.model.batchNormStates == uninterrupted.model.batchNormStates)
        #expect(resumed.history == uninterrupted.history)
        #expect(resumed.checkpoint() == uninterrupted.checkpoint())
    }

    @Test("a checkpoint of another architecture is refused with the shapes that differ")
    func mismatchedCheckpoint() throws {
        let checkpoint = Self.solver().checkpoint()
        let other = Reference.FullyConnectedNet(NetworkConfiguration(inputDimension: 2, hiddenDimensions: [7], classes: 3))
        #expect(throws: CheckpointError.self) {
            _ = try Solver(model: other, rules: Reference.Optimizers(), training: Self.data.training,
                           validation: Self.data.validation, resumingFrom: checkpoint)
        }
    }

    @Test("a missing checkpoint file is an error naming it")
    func missingCheckpoint() throws {
        let folder = try temporaryDirectory()
        #expect(throws: CheckpointError.missingFile(folder.appendingPathComponent("checkpoint.json").path)) {
            _ = try Checkpoint(contentsOf: folder)
        }
    }

    @Test("a loss that becomes NaN or infinite stops the run with a message naming the iteration")
    func nonFiniteLoss() throws {
        // A step size of 1e30 multiplies the weights' scale by ~1e30 per step, so the
        // scores overflow Double after a few steps.
        var solver = Self.solver(optimizer: .sgd(SGDState(learningRate: 1e30)), epochs: 5)
        let error = #expect(throws: SolverError.self) { try solver.train() }
        guard case .nonFiniteLoss(let loss, let iteration, let epoch) = error else {
            Issue.record("expected nonFiniteLoss, got \(String(describing: error))")
            return
        }
        #expect(!loss.isFinite)
        #expect(iteration > 1, "the first steps still have a finite loss")
        #expect(iteration == solver.history.losses.count + 1, "every recorded loss is finite")
        #expect(epoch == solver.epoch + 1)
        let message = error!.description
        #expect(message.contains("at iteration \(iteration) (epoch \(epoch))"))
        #expect(message.contains("learning rate"))
        #expect(message.contains("weight scale"))
    }
}
