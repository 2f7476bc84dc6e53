/// One protection the launcher can put around a worker. Which ones are in force depends
/// on the platform and on whether the grader runs as root; reports list them.
public enum Protection: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// The worker leads its own session and process group, killed as a whole.
    case processGroup = "process-group"
    /// Address space, CPU seconds, file size and open files are capped before exec.
    case resourceLimits = "resource-limits"
    /// The number of processes of the worker's user is capped (RLIMIT_NPROC).
    case processLimit = "process-limit"
    /// The worker starts with an empty environment.
    case emptyEnvironment = "empty-environment"
    /// Only descriptors 0–4 are open in the worker.
    case closedDescriptors = "closed-descriptors"
    /// The worker starts in a private, empty working folder.
    case privateDirectory = "private-directory"
    /// Processes the worker leaves behind (even in a new session) are killed when it ends.
    case leftoversKilled = "leftovers-killed"
    /// The worker runs as an unprivileged user, not the grader's.
    case unprivilegedUser = "unprivileged-user"
    /// The worker is pid 1 of its own PID namespace: it sees no other process, and all
    /// its descendants die with it.
    case pidNamespace = "pid-namespace"
    /// The worker has its own mount table, with a private empty `/tmp`.
    case privateTmp = "private-tmp"
    /// The folders the judge named (the course checkout, the stage) are covered by empty
    /// file systems in the worker's mount namespace.
    case hiddenFolders = "hidden-folders"
    /// A memory cgroup caps the memory of the worker and all its descendants.
    case memoryCgroup = "memory-cgroup"
    /// A pids cgroup caps the number of processes of the worker and its descendants.
    case pidsCgroup = "pids-cgroup"
    /// macOS only: the worker runs under `sandbox-exec` (untested).
    case seatbelt = "seatbelt"

    public static func < (a: Protection, b: Protection) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
