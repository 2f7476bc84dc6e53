import TensorKit

extension Fixture {
    /// The array `<array>.npy` (NumPy's int64 labels) as class indices.
    func labels(_ array: String = "labels") throws -> [Int] {
        let values = try tensor(array)
        guard values.rank == 1, values.scalars.allSatisfy({ $0 == $0.rounded() }) else {
            throw FixtureError("fixture \(name): \(array) is not a vector of whole numbers")
        }
        return values.scalars.map { Int($0) }
    }
}
