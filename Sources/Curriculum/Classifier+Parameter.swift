import TensorKit

extension Classifier {
    /// The entry of ``params`` called `name`; stops with a message listing the names
    /// that are there when it is missing (a clearer failure than `params[name]!`).
    public func parameter(named name: String) -> Tensor {
        guard let value = params[name] else {
            shapeFailure("\(Self.self): params has no \"\(name)\"; it has \(params.keys.sorted())")
        }
        return value
    }
}
