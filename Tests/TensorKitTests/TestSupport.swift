import Foundation
import Testing
import TensorKit

/// The bit patterns of a tensor's elements: compares NaN, signed zeros and the last
/// bit of every value, which `==` on doubles does not.
func bits(_ t: Tensor) -> [UInt64] { t.scalars.map(\.bitPattern) }

/// The bit patterns of a list of expected values.
func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

/// Whether every element of `actual` is within `tolerance` of `expected` and the shapes
/// agree.
func isClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double = 1e-12) -> Bool {
    actual.shape == expected.shape
        && zip(actual.scalars, expected.scalars).allSatisfy { Swift.abs($0 - $1) <= tolerance }
}

/// A file of the test data folder (Tests/TensorKitTests/Data), written by
/// scripts/make_npy_test_data.py.
func testData(_ name: String) throws -> URL {
    let folder = try #require(Bundle.module.url(forResource: "Data", withExtension: nil))
    return folder.appendingPathComponent(name)
}

/// What a process that an exit test ran wrote to standard error.
func standardError(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// The transpose of a row-major `rows × columns` matrix, built element by element from
/// its `scalars`: independent of `transposed()`.
func transposeByHand(_ m: Tensor) -> Tensor {
    let (rows, columns) = (m.shape[0], m.shape[1])
    let source = m.scalars
    var elements = [Double](repeating: 0, count: rows * columns)
    for i in 0..<rows {
        for j in 0..<columns { elements[j * rows + i] = source[i * columns + j] }
    }
    return Tensor(shape: [columns, rows], scalars: elements)
}

/// What `threads` threads computed, started at once (`DispatchQueue.concurrentPerform`),
/// in the order of their indices.
func concurrentResults<Value>(threads: Int, _ work: @Sendable (Int) -> Value) -> [Value] {
    let results = ThreadResults<Value>(count: threads)
    DispatchQueue.concurrentPerform(iterations: threads) { results.set($0, work($0)) }
    return results.values
}

/// One slot per thread, written under a lock.
private final class ThreadResults<Value>: @unchecked Sendable {
    // @unchecked: the slots are only touched under `lock`.
    private let lock = NSLock()
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.lock(); slots[index] = value; lock.unlock() }
    var values: [Value] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
