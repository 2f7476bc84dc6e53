import Curriculum
import Foundation
import TensorKit

// What the networks' handlers share: a configuration that travels as JSON, and
// batch-norm running statistics that travel as `bn<i>.runningMean` and
// `bn<i>.runningVariance`, state `i` counted from 0.

extension ExerciseHandlers {
    /// The `init`, `scores` and `loss` calls of a network built from the request's
    /// `configuration`, then given the request's `param.*` tensors (when there are any)
    /// and running statistics.
    /// - Parameters:
    ///   - calls: the exercise's three calls.
    ///   - build: the network of a decoded configuration.
    static func network<Net: BatchNormClassifier, Configuration: Decodable & Sendable>(
        _ calls: (initialize: WorkerCall, scores: WorkerCall, loss: WorkerCall),
        build: @escaping @Sendable (Configuration) -> Net
    ) -> ExerciseHandlers {
        let configurations = ConfigurationMemo<Configuration>()
        @Sendable func make(_ r: WorkerRequest) throws -> Net {
            var net = build(try r.configuration(from: configurations))
            let params = r.tensors(prefixed: "param.")
            if !params.isEmpty { net.params = params }
            r.restoreRunningStatistics(&net.batchNormStates)
            return net
        }
        return ExerciseHandlers([
            calls.initialize: { r in
                let net = try make(r)
                return WorkerReply(tensors: net.params.prefixingKeys("param.")
                    .merging(net.batchNormStates.runningStatistics) { a, _ in a })
            },
            calls.scores: { r in WorkerReply(tensors: ["scores": try make(r).scores(try r.tensor("x"))]) },
            calls.loss: { r in
                var net = try make(r)
                let (loss, grads) = net.loss(try r.tensor("x"), labels: try r.labels())
                return WorkerReply(tensors: grads.prefixingKeys("grad.").merging(net.batchNormStates.runningStatistics) { a, _ in a },
                                   numbers: ["loss": loss])
            },
        ])
    }
}

extension WorkerRequest {
    /// The string argument `configuration`, decoded from JSON by `memo` (once for a run
    /// of requests with the same string).
    func configuration<Configuration>(from memo: ConfigurationMemo<Configuration>) throws -> Configuration {
        guard let json = strings["configuration"] else {
            throw BadRequest(description: "\(call): missing string 'configuration'")
        }
        return try memo.configuration(json)
    }

    /// Sets the running statistics of `states` that the request carries.
    func restoreRunningStatistics(_ states: inout [BatchNormState]) {
        for i in states.indices {
            if let mean = tensors["bn\(i).runningMean"] { states[i].runningMean = mean }
            if let variance = tensors["bn\(i).runningVariance"] { states[i].runningVariance = variance }
        }
    }
}

extension Array where Element == BatchNormState {
    /// The states' running statistics, as a reply carries them.
    var runningStatistics: [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (i, state) in enumerated() {
            out["bn\(i).runningMean"] = state.runningMean
            out["bn\(i).runningVariance"] = state.runningVariance
        }
        return out
    }
}
