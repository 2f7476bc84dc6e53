import Foundation
import TensorKit

/// Makes hostile variants of a JSON document for fuzz tests: each variant replaces,
/// removes or duplicates a few random nodes of the original with values an author's
/// typo (or a hostile edit) could produce — huge and tiny numbers, negatives, wrong
/// types, paths that climb out of their folder.
struct JSONMutator {
    let original: Any
    var generator: SeededGenerator

    init(_ data: Data, seed: UInt64) throws {
        original = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        generator = SeededGenerator(seed: seed)
    }

    /// Values put in place of a node.
    nonisolated(unsafe) static let hostileValues: [Any] = [  // never mutated
        1e300, -1e300, -1, 0, Double.leastNormalMagnitude / 4, Double.leastNonzeroMagnitude, 2.5, 9_007_199_254_740_993, Int64.max, -0.0,
        "", "x", "../../etc", "/etc/passwd", "a/b", ".hidden", String(repeating: "é", count: 5000),
        "\u{1b}[2J", NSNull(), true, false, [Any](), [String: Any](), ["points": 1e300], [1, 2, 3],
    ]

    /// A mutated copy of the document, serialized.
    mutating func next() throws -> Data {
        var document = original
        for _ in 0..<(1 + generator.nextInt(below: 3)) {
            let paths = JSONMutator.paths(in: document)
            let path = paths[generator.nextInt(below: paths.count)]
            let value = JSONMutator.hostileValues[generator.nextInt(below: JSONMutator.hostileValues.count)]
            let remove = generator.nextInt(below: 4) == 0
            document = JSONMutator.replacing(path[...], in: document, with: remove ? nil : value)
        }
        return try JSONSerialization.data(withJSONObject: document, options: [.fragmentsAllowed, .sortedKeys])
    }

    /// One step into a document: a key of an object or an index of an array.
    enum Step { case key(String), index(Int) }

    /// Every node's path, the root's (empty) included.
    static func paths(in node: Any) -> [[Step]] {
        var result: [[Step]] = [[]]
        if let object = node as? [String: Any] {
            for key in object.keys.sorted() {
                result += paths(in: object[key]!).map { [.key(key)] + $0 }
            }
        } else if let array = node as? [Any] {
            for (i, element) in array.enumerated() {
                result += paths(in: element).map { [.index(i)] + $0 }
            }
        }
        return result
    }

    /// The document with the node at `path` replaced by `value` (removed when `nil`).
    static func replacing(_ path: ArraySlice<Step>, in node: Any, with value: Any?) -> Any {
        guard let step = path.first else { return value ?? NSNull() }
        switch step {
        case .key(let key):
            var object = node as! [String: Any]
            if path.count == 1 && value == nil { object[key] = nil } else {
                object[key] = replacing(path.dropFirst(), in: object[key]!, with: value)
            }
            return object
        case .index(let i):
            var array = node as! [Any]
            if path.count == 1 && value == nil { array.remove(at: i) } else {
                array[i] = replacing(path.dropFirst(), in: array[i], with: value)
            }
            return array
        }
    }
}
