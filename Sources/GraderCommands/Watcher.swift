import Foundation

/// Polls a folder's Swift files and calls back after each burst of saves.
struct Watcher {
    var directory: URL
    /// How often to look, and how long the files must stay unchanged before acting.
    var interval: TimeInterval = 0.5
    var debounce: TimeInterval = 0.4

    /// Calls `action` now and after every change, forever.
    func run(_ action: () -> Void) -> Never {
        action()
        var last = snapshot()
        while true {
            Thread.sleep(forTimeInterval: interval)
            var current = snapshot()
            guard current != last else { continue }
            // Wait until the editor has finished writing.
            repeat {
                last = current
                Thread.sleep(forTimeInterval: debounce)
                current = snapshot()
            } while current != last
            action()
        }
    }

    /// Modification dates and sizes of every .swift file.
    func snapshot() -> [String: [Double]] {
        let fm = FileManager.default
        var result: [String: [Double]] = [:]
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return result }
        for name in names where name.hasSuffix(".swift") {
            let attributes = try? fm.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes?[.size] as? NSNumber)?.doubleValue ?? 0
            result[name] = [date, size]
        }
        return result
    }
}
