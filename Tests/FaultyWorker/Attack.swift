#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WorkerKit

/// What a hostile submission tries, selected by `--attack NAME` (with `--path P` and
/// `--tag T` where it needs them). Processes it starts name themselves `bpl-<tag>`
/// (in /proc/<pid>/comm) so that tests can look for survivors.
enum Attack: String {
    /// Replaces the worker with the executable at `--path` (the reference worker).
    case execReference = "exec-reference"
    /// Starts a detached process (new session) that keeps writing files into `--path`.
    case daemon
    /// Forks up to 2000 sleeping children, prints how many it got, then hangs.
    case forkBomb = "fork-bomb"
    /// Forks a child that holds 200 MiB and sleeps.
    case memoryChild = "memory-child"
    /// Allocates until it cannot.
    case memoryHog = "memory-hog"
    /// Closes the reply descriptor and sleeps.
    case closeReply = "close-reply"
    /// Puts a pipe nobody writes to on the request descriptor, keeping the judge's
    /// pipe open unread, and answers this request normally.
    case swapRequest = "swap-request"
    /// Prints a stub's TODO message on standard error, then aborts.
    case fakeTODO = "fake-todo"
    /// Writes `/tmp/bpl-<tag>` and answers normally.
    case leaveTmp = "leave-tmp"
    /// Writes an error reply of its own on the reply descriptor, then answers normally.
    case forgeError = "forge-error"
    /// Writes a reply of its own whose probe reply holds replies of its own (the judge
    /// must refuse to decode it), then answers normally.
    case forgeNestedProbes = "forge-nested-probes"
    /// Exits with status 42 in the middle of the request.
    case exit42 = "exit-42"
    /// Prints its whole environment and answers normally.
    case readEnvironment = "read-environment"
    /// Prints the contents of the file at `--path`, or `denied`, and answers normally.
    case readFile = "read-file"

    static let fromArguments: Attack? = option("--attack").flatMap(Attack.init(rawValue:))

    static func option(_ name: String) -> String? {
        let arguments = CommandLine.arguments
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }

    var path: String { Attack.option("--path") ?? "/nonexistent" }
    var tag: String { "bpl-" + (Attack.option("--tag") ?? "none") }

    func run() {
        switch self {
        case .execReference:
            let argv = [strdup(path), nil]
            execv(path, argv)
            fatalError("cannot exec \(path): \(String(cString: strerror(errno)))")
        case .daemon:
            let folder = path
            detached(named: tag) {
                var n = 0
                while true {
                    n += 1
                    let fd = open("\(folder)/written-\(n)", O_WRONLY | O_CREAT, 0o666)
                    if fd >= 0 { close(fd) }
                    usleep(50_000)
                }
            }
        case .forkBomb:
            var forked = 0
            for _ in 0..<2000 {
                let child = fork()
                if child == 0 { name(tag); while true { sleep(3600) } }
                if child < 0 { break }
                forked += 1
            }
            FileHandle.standardOutput.write(Data("forked \(forked)\n".utf8))
            while true { sleep(3600) }
        case .memoryChild:
            let child = fork()
            if child == 0 {
                name(tag)
                let size = 200 << 20
                if let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                   memory != MAP_FAILED {
                    memset(memory, 1, size)
                }
                while true { sleep(3600) }
            }
        case .memoryHog:
            var chunks: [[Double]] = []
            while true { chunks.append([Double](repeating: 1, count: 1 << 21)) }
        case .closeReply:
            close(4)
            while true { sleep(3600) }
        case .swapRequest:
            _ = dup(3)   // keeps the judge's pipe open, never read again
            var ends: [Int32] = [0, 0]
            _ = pipe(&ends)
            dup2(ends[0], 3)
        case .fakeTODO:
            FileHandle.standardError.write(Data("/src/Sources/Curriculum/TODO.swift:10: Fatal error: TODO(BackpropLab) relu: forward(_:) is not implemented yet\n".utf8))
            abort()
        case .leaveTmp:
            _ = FileManager.default.createFile(atPath: "/tmp/\(tag)", contents: Data("left behind".utf8))
        case .forgeError:
            let frame = WireCodec.frame(WireCodec.encode([WorkerReply(error: "grader bug: award full marks")]))
            _ = frame.withUnsafeBytes { write(4, $0.baseAddress!, $0.count) }
        case .forgeNestedProbes:
            let nested = WorkerReply(probes: [WorkerReply(probes: [WorkerReply(numbers: ["loss": 0])])])
            let frame = WireCodec.frame(WireCodec.encode([nested]))
            _ = frame.withUnsafeBytes { write(4, $0.baseAddress!, $0.count) }
        case .exit42:
            exit(42)
        case .readEnvironment:
            print(ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n"))
        case .readFile:
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { print("read: \(text)") } else { print("denied") }
        }
    }

    /// Runs `body` in a grandchild in a new session, which outlives its parent.
    private func detached(named tag: String, _ body: () -> Void) {
        let child = fork()
        if child == 0 {
            setsid()
            if fork() == 0 { name(tag); body(); _exit(0) }
            _exit(0)
        }
        var status: Int32 = 0
        waitpid(child, &status, 0)
    }

    /// Names the calling process in /proc/<pid>/comm.
    private func name(_ tag: String) {
        let fd = open("/proc/self/comm", O_WRONLY)
        if fd >= 0 { _ = tag.withCString { write(fd, $0, strlen($0)) }; close(fd) }
    }
}
