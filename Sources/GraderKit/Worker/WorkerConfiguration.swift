import Foundation
import WorkerSandbox

/// How to start a worker and what it may use.
public struct WorkerConfiguration: Sendable, Hashable {
    /// The `grader-worker` (or `grader-worker-solutions`) executable.
    public var executable: URL
    /// The longest one frame of requests may take, in seconds (writing the requests
    /// and reading the replies).
    public var timeout: Double
    /// The memory the workers of one ``WorkerProcess`` may hold together, in MiB: each
    /// lane's worker has an equal share (``workerMemoryLimitMB``) as its address-space
    /// cap and memory cgroup limit, so that code that allocates without end takes no
    /// more memory with lanes than without.
    public var memoryLimitMB: Int
    /// The largest file the worker may write (its captured output), in MiB.
    public var fileLimitMB: Int
    /// CPU seconds one worker may use over its whole life.
    public var cpuSeconds: Int
    /// Processes and threads the worker may have (its user's, and its cgroup's).
    public var processes: Int
    /// When the grader runs as root: whether to isolate the worker (another user, PID
    /// and mount namespaces, cgroups). `false` keeps only the unprivileged protections.
    public var isolate: Bool
    /// The user id the worker runs as when the grader is root (`nil`: `nobody`).
    public var user: UInt32?
    /// The launcher; `nil` finds `grader-launcher` next to the running executable.
    public var launcher: URL?
    /// Folders the worker must not see, besides the packages the launcher and the
    /// worker were built in (hidden always): e.g. hidden fixtures, the reports folder.
    public var hiddenFolders: [URL] = []
    /// More arguments for the worker (`--mistake ID` for the mistakes worker).
    public var arguments: [String]
    /// How many workers may answer one frame of requests together, each its share (see
    /// ``WorkerProcess``): ``defaultLanes``; 1 where the cores are busy with other
    /// gradings already (`grade-all --jobs N`).
    public var lanes: Int = WorkerConfiguration.defaultLanes

    /// One lane per core, up to 4: past that a frame's shares are too short to pay for
    /// their workers' start.
    public static let defaultLanes = Swift.min(4, Swift.max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Each worker's memory limit: its lane's share of ``memoryLimitMB``, and at least
    /// 256 MiB (a worker of the reference peaks at some 75 MiB of address space).
    public var workerMemoryLimitMB: Int { Swift.max(256, memoryLimitMB / Swift.max(1, lanes)) }

    public init(executable: URL, arguments: [String] = [], timeout: Double = 10, memoryLimitMB: Int = 4096,
                fileLimitMB: Int = 16, cpuSeconds: Int = 300, processes: Int = 256, isolate: Bool = true,
                user: UInt32? = nil, launcher: URL? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.memoryLimitMB = memoryLimitMB
        self.fileLimitMB = fileLimitMB
        self.cpuSeconds = cpuSeconds
        self.processes = processes
        self.isolate = isolate
        self.user = user
        self.launcher = launcher
    }

    /// The launcher's policy for a worker working in `directory`, started by `launcher`.
    func policy(workingDirectory directory: String, launcher: URL) -> SandboxPolicy {
        var policy = SandboxPolicy(memoryLimitMB: workerMemoryLimitMB, fileLimitMB: fileLimitMB, cpuSeconds: cpuSeconds,
                                   openFiles: 64, processes: processes, user: user, isolate: isolate,
                                   workingDirectory: directory)
        let packages = [launcher, executable].compactMap(WorkerConfiguration.package(holding:))
        var seen = Set<String>()
        policy.hiddenPaths = (packages + hiddenFolders).map(\.standardizedFileURL.path).filter { seen.insert($0).inserted }
        return policy
    }

    /// The Swift package (the folder with a Package.swift) a built product sits in, if any.
    static func package(holding product: URL) -> URL? {
        var folder = product.standardizedFileURL.deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// The name of the launcher's product.
    public static let launcherProduct = "grader-launcher"

    /// The launcher to use: ``launcher``, or `grader-launcher` in the folder of the
    /// running executable (the grader's, or the tests').
    func launcherExecutable() -> URL? {
        if let launcher { return launcher }
        var folders: [URL] = []
        if let running = Bundle.main.executableURL { folders.append(running.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent(WorkerConfiguration.launcherProduct) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
