/// One line the launcher writes on its status descriptor for the judge.
///
/// In order: `worker PID` (the process the judge kills to end the worker: the worker
/// itself, or the pid 1 of its namespace), `ready P1,P2,…` just before the worker's
/// exec (the protections in force), and when it ends `ended STATUS` (its raw wait
/// status) and `out-of-memory` if its cgroup killed it for memory; `failed REASON` when
/// the worker could not be started.
public enum LauncherMessage: Sendable, Hashable {
    case worker(pid: Int32)
    case ready([Protection])
    case ended(status: Int32)
    case outOfMemory
    case failed(String)

    /// The descriptor the launcher writes these lines to.
    public static let descriptor: Int32 = 5

    /// The message as one line, with its newline.
    public var line: String {
        switch self {
        case .worker(let pid): "worker \(pid)\n"
        case .ready(let protections): "ready \(protections.sorted().map(\.rawValue).joined(separator: ","))\n"
        case .ended(let status): "ended \(status)\n"
        case .outOfMemory: "out-of-memory\n"
        case .failed(let reason): "failed \(reason.split(whereSeparator: \.isNewline).joined(separator: " "))\n"
        }
    }

    /// Reads one line (without its newline); `nil` if it is not a message.
    public init?(line: Substring) {
        let word = line.prefix { $0 != " " }
        let rest = line.dropFirst(word.count).drop { $0 == " " }
        switch word {
        case "worker": guard let pid = Int32(rest) else { return nil }; self = .worker(pid: pid)
        case "ready": self = .ready(rest.split(separator: ",").compactMap { Protection(rawValue: String($0)) })
        case "ended": guard let status = Int32(rest) else { return nil }; self = .ended(status: status)
        case "out-of-memory": self = .outOfMemory
        case "failed": self = .failed(String(rest))
        default: return nil
        }
    }

    /// Every message in a stream of lines.
    public static func parse(_ text: String) -> [LauncherMessage] {
        text.split(separator: "\n").compactMap(LauncherMessage.init(line:))
    }
}
