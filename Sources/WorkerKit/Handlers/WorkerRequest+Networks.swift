import Curriculum
import Foundation
import TensorKit

// What the networks' handlers share: a configuration that travels as JSON, and
// batch-norm running statistics that travel as `bn<i>.runningMean` and
// `bn<i>.runningVariance`, state `i` counted from 0.

extension WorkerRequest {
    /// The string argument `configuration`, decoded from JSON.
    func configuration<Configuration: Decodable>(_: Configuration.Type) throws -> Configuration {
        guard let json = strings["configuration"] else {
            throw BadRequest(description: "\(call): missing string 'configuration'")
        }
        return try JSONDecoder().decode(Configuration.self, from: Data(json.utf8))
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
