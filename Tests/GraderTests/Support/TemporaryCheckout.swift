import Foundation

/// A throwaway folder laid out like a checkout, for the author's commands to write into.
struct TemporaryCheckout {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("checkout-\(UUID().uuidString)")

    /// Writes `text` to `path` (relative to the root), making its folders.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Copies the real checkout's file at `path` to the same place here.
    func copy(_ path: String) throws {
        try write(path, try String(contentsOf: BuiltProducts.checkout.appendingPathComponent(path), encoding: .utf8))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
