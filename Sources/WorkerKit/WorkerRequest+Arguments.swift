import Curriculum
import TensorKit

/// A request that lacks an argument or carries a malformed one. The worker answers
/// it with an error reply. It would be the judge's mistake, but the judge cannot tell
/// such a reply from one student code forged on the reply descriptor, so it counts
/// against the submission; the tests grading the reference keep requests well-formed.
public struct BadRequest: Error, CustomStringConvertible {
    public var description: String
}

extension WorkerRequest {
    /// The tensor argument `name`.
    public func tensor(_ name: String) throws -> Tensor {
        guard let t = tensors[name] else { throw BadRequest(description: "\(call): missing tensor '\(name)'") }
        return t
    }
    /// The number argument `name`.
    public func number(_ name: String) throws -> Double {
        guard let x = numbers[name] else { throw BadRequest(description: "\(call): missing number '\(name)'") }
        return x
    }
    /// The whole-number argument `name`.
    public func integer(_ name: String) throws -> Int {
        let x = try number(name)
        guard let n = Int(exactly: x) else { throw BadRequest(description: "\(call): '\(name)' = \(x) is not a whole number") }
        return n
    }
    /// The class labels, sent as a tensor of whole numbers named `labels`.
    public func labels() throws -> [Int] {
        try tensor("labels").scalars.map { x in
            guard let n = Int(exactly: x) else { throw BadRequest(description: "\(call): label \(x) is not a whole number") }
            return n
        }
    }
    /// The `mode` argument: `"train"` or `"test"`.
    public func mode() throws -> Mode {
        guard let raw = strings["mode"], let mode = Mode(rawValue: raw) else {
            throw BadRequest(description: "\(call): missing or unknown mode '\(strings["mode"] ?? "")'")
        }
        return mode
    }
    /// The tensors whose names start with `prefix`, with the prefix removed.
    public func tensors(prefixed prefix: String) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: tensors.compactMap { key, value in
            key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil
        })
    }
}

extension Dictionary where Key == String, Value == Tensor {
    /// The same tensors with `prefix` put before every name.
    public func prefixingKeys(_ prefix: String) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: map { (prefix + $0.key, $0.value) })
    }
}
