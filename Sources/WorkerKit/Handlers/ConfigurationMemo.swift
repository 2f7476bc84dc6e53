import Foundation

/// The network configuration of the last request, decoded from its JSON once.
///
/// Every probe of a numeric-gradient check carries the same configuration string, and
/// decoding it with `JSONDecoder` took a seventh of the worker's time in a run of the
/// reference (docs/performance.md). A configuration is a value decoded from nothing but
/// its string, so the same string always decodes to the same configuration.
final class ConfigurationMemo<Configuration: Decodable & Sendable>: @unchecked Sendable {
    // @unchecked: `last` is only read and written under `lock`.
    private let lock = NSLock()
    private var last: (json: String, configuration: Configuration)?

    /// The configuration `json` encodes.
    /// - Throws: `JSONDecoder`'s error when `json` is not a configuration.
    func configuration(_ json: String) throws -> Configuration {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.json == json { return last.configuration }
        let configuration = try JSONDecoder().decode(Configuration.self, from: Data(json.utf8))
        last = (json, configuration)
        return configuration
    }
}
