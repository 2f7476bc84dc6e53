import CommandLineKit
import Solutions
import WorkerKit

/// Every catalogued mistake, exercise by exercise in the course's order.
///
/// Each exercise's mistakes live in its own file (`BatchNormMistakes.swift`, …), next
/// to the implementations that make them.
public enum MistakeCatalog {
    /// The exercises, in the order the course takes them: those the reference registers.
    public static let exercises = ReferenceImplementation.exerciseHandlers.map(\.exercise)

    /// The whole catalogue, in the course's order of exercises. Ids are unique.
    public static let all: [Mistake] =
        affine + relu + twoLayerNet + optimizers + fullyConnectedNet + fullyConnectedNetDropout
        + batchNorm + layerNorm + dropout + spatialBatchNorm + groupNorm + convolution + maxPool + convNet

    /// The mistake with this id, if there is one.
    public static func mistake(id: String) -> Mistake? {
        all.first { $0.id == id }
    }

    /// Catalogued ids that look like `id`: those that contain it, those that contain
    /// all of its words, and those a few keystrokes away from it, closest first.
    /// - Parameter limit: the most ids to return.
    public static func idsResembling(_ id: String, limit: Int = 5) -> [String] {
        let query = id.lowercased()
        let words = Set(query.split(separator: "-"))
        let scored = all.map(\.id).compactMap { candidate -> (String, Int)? in
            if candidate.contains(query) { return (candidate, 0) }
            if words.isSubset(of: candidate.split(separator: "-")) { return (candidate, 1) }
            let distance = editDistance(query, candidate)
            return distance <= Swift.max(2, query.count / 4) ? (candidate, distance) : nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }
}
