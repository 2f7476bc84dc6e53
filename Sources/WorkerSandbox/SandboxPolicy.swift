/// What the launcher enforces on a worker: the limits it sets before exec and, when it
/// runs as root, the user the worker runs as and whether it is isolated in namespaces
/// and cgroups. The judge writes it as command-line options; the launcher reads them.
public struct SandboxPolicy: Sendable, Hashable {
    /// The address-space cap (RLIMIT_AS) and the memory cgroup's limit, in MiB.
    public var memoryLimitMB: Int
    /// The largest file the worker may write (RLIMIT_FSIZE), and the size of its
    /// private `/tmp`, in MiB.
    public var fileLimitMB: Int
    /// CPU seconds over the worker's whole life (RLIMIT_CPU).
    public var cpuSeconds: Int
    /// Open descriptors (RLIMIT_NOFILE).
    public var openFiles: Int
    /// Processes and threads (RLIMIT_NPROC for the worker's user, `pids.max`).
    public var processes: Int
    /// The user id the worker runs as when the launcher is root; `nil` is `nobody`.
    public var user: UInt32?
    /// Whether a root launcher isolates the worker (another user, namespaces,
    /// cgroups); `false` enforces only what an unprivileged launcher can.
    public var isolate: Bool
    /// The worker's working folder when it gets no private `/tmp` to work in.
    public var workingDirectory: String
    /// Folders the worker must not see (the course checkout, the stage): in its own
    /// mount namespace each is covered by an empty read-only file system.
    public var hiddenPaths: [String] = []

    public init(memoryLimitMB: Int = 4096, fileLimitMB: Int = 16, cpuSeconds: Int = 300, openFiles: Int = 64,
                processes: Int = 256, user: UInt32? = nil, isolate: Bool = true, workingDirectory: String = "/") {
        self.memoryLimitMB = memoryLimitMB
        self.fileLimitMB = fileLimitMB
        self.cpuSeconds = cpuSeconds
        self.openFiles = openFiles
        self.processes = processes
        self.user = user
        self.isolate = isolate
        self.workingDirectory = workingDirectory
    }

    /// The launcher's command line for this policy, without the worker's part.
    public var arguments: [String] {
        var arguments = ["--memory-mb", "\(memoryLimitMB)", "--file-mb", "\(fileLimitMB)",
                         "--cpu-seconds", "\(cpuSeconds)", "--open-files", "\(openFiles)",
                         "--processes", "\(processes)", "--directory", workingDirectory]
        if let user { arguments += ["--user", "\(user)"] }
        for path in hiddenPaths { arguments += ["--hide", path] }
        if !isolate { arguments.append("--no-isolation") }
        return arguments
    }

    /// Reads the options ``arguments`` writes, up to `--`; what follows is the worker's
    /// command line (its executable first).
    /// - Throws: ``LaunchError`` naming an unknown or malformed option.
    public static func parse(_ arguments: [String]) throws(LaunchError) -> (policy: SandboxPolicy, worker: [String]) {
        var policy = SandboxPolicy()
        var rest = arguments[...]
        func number(_ option: String) throws(LaunchError) -> Int {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                throw LaunchError("\(option) needs a positive whole number")
            }
            return value
        }
        while let option = rest.popFirst() {
            switch option {
            case "--": 
                guard !rest.isEmpty else { throw LaunchError("no worker executable after --") }
                return (policy, Array(rest))
            case "--memory-mb": policy.memoryLimitMB = try number(option)
            case "--file-mb": policy.fileLimitMB = try number(option)
            case "--cpu-seconds": policy.cpuSeconds = try number(option)
            case "--open-files": policy.openFiles = try number(option)
            case "--processes": policy.processes = try number(option)
            case "--user": policy.user = UInt32(try number(option))
            case "--directory":
                guard let path = rest.popFirst() else { throw LaunchError("--directory needs a path") }
                policy.workingDirectory = path
            case "--hide":
                guard let path = rest.popFirst() else { throw LaunchError("--hide needs a path") }
                policy.hiddenPaths.append(path)
            case "--no-isolation": policy.isolate = false
            default: throw LaunchError("unknown option \(option)")
            }
        }
        throw LaunchError("no worker command line (expected `-- WORKER [ARGUMENTS]`)")
    }
}

/// Why the launcher could not start a worker.
public struct LaunchError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
