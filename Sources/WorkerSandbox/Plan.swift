#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWorkerSandbox

/// What the launcher set up so far, and the steps its child takes before exec.
struct Plan {
    var policy: SandboxPolicy
    /// The worker's command line, its executable first.
    var worker: [String]
    /// The worker executable, opened before any mount could hide its path.
    var executable: Int32
    /// The launcher's pid (in its own namespace).
    var launcher: pid_t
    var protections: Set<Protection> = [.processGroup]
    /// Whether the child should give itself a private `/tmp` (it is in a new mount
    /// namespace).
    var mountNamespace = false
    var cgroups: CgroupJail?
    /// The user and group the worker runs as, when the launcher can switch.
    var user: (uid: uid_t, gid: gid_t)?

    /// Root only: a PID and a mount namespace for the child, a cgroup, another user.
    mutating func isolate() {
        if backproplab_unshare_pid() == 0 { protections.insert(.pidNamespace) }
        mountNamespace = backproplab_unshare_mount() == 0
        let jail = CgroupJail(policy: policy, name: "backproplab-worker-\(launcher)")
        cgroups = jail
        if let uid = policy.user {
            user = (uid, uid)
        } else if let entry = getpwnam("nobody") {
            user = (entry.pointee.pw_uid, entry.pointee.pw_gid)
        } else {
            user = (65534, 65534)
        }
    }

    /// Pid 1 of the worker's namespace: makes the namespace's mounts and cgroups, forks
    /// the worker, and reports how it ended. When it returns, the kernel kills every
    /// process left in the namespace.
    mutating func runInit() -> Never {
        _ = backproplab_set_parent_death_signal(SIGKILL)
        enterMountsAndCgroups()
        _ = setsid()
        let worker = fork()
        if worker == 0 { confineAndExec() }
        for fd in [0, 1, 3, 4, executable] { close(Int32(fd)) }
        guard worker > 0 else {
            Posix.send(LauncherMessage.failed("cannot fork the worker: \(Posix.lastError)").line, to: LauncherMessage.descriptor)
            _exit(125)
        }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(-1, &status, 0)
            if reaped == worker { break }
            if reaped < 0 && errno != EINTR { break }
        }
        Posix.send(LauncherMessage.ended(status: status).line, to: LauncherMessage.descriptor)
        _exit(0)
    }

    /// A private `/tmp` (and `/proc` for the new PID namespace), then the cgroups.
    private mutating func enterMountsAndCgroups() {
        #if os(Linux)
        if mountNamespace && backproplab_make_mounts_private() == 0 {
            let options = "size=\(policy.fileLimitMB)m,mode=1777"
            if mount("tmpfs", "/tmp", "tmpfs", UInt(MS_NOSUID | MS_NODEV), options) == 0 {
                protections.insert(.privateTmp)
            }
            if protections.contains(.pidNamespace) {
                _ = mount("proc", "/proc", "proc", UInt(MS_NOSUID | MS_NODEV | MS_NOEXEC), nil)
            }
            let flags = UInt(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
            // A folder under /tmp is gone already (ENOENT).
            if !policy.hiddenPaths.isEmpty && policy.hiddenPaths.allSatisfy({
                mount("tmpfs", $0, "tmpfs", flags, "size=4k,mode=0555") == 0 || errno == ENOENT
            }) {
                protections.insert(.hiddenFolders)
            }
        }
        #endif
        if let cgroups { protections.formUnion(cgroups.join()) }
    }

    /// The worker's own steps: limits, working folder, user, descriptors, environment,
    /// then exec. Reports the protections in force just before the exec.
    mutating func confineAndExec() -> Never {
        _ = backproplab_set_parent_death_signal(SIGKILL)
        if !protections.contains(.pidNamespace) { enterMountsAndCgroups() }
        _ = setsid()   // the worker leads its own group, which the judge kills as a whole
        setLimits()
        let directory = protections.contains(.privateTmp) ? "/tmp" : policy.workingDirectory
        if let user, !protections.contains(.privateTmp) { _ = chown(directory, user.uid, user.gid) }
        if chdir(directory) == 0 && directory != "/" { protections.insert(.privateDirectory) }
        if let user { switchUser(to: user) }
        // Setting the user clears the parent-death signal: set it again, and stop if
        // the launcher is already gone.
        _ = backproplab_set_parent_death_signal(SIGKILL)
        if !protections.contains(.pidNamespace) && getppid() != launcher { _exit(125) }
        _ = backproplab_forbid_new_privileges()
        if backproplab_cloexec_from(5) == 0 { protections.insert(.closedDescriptors) }
        var environment = ["SWIFT_BACKTRACE=enable=no", "TMPDIR=\(directory)", "HOME=\(directory)"]
        if let libraries = getenv("LD_LIBRARY_PATH") { environment.append("LD_LIBRARY_PATH=" + String(cString: libraries)) }
        protections.insert(.emptyEnvironment)
        exec(environment: environment)
    }

    private mutating func setLimits() {
        let megabyte: UInt64 = 1 << 20
        var all = Posix.limit(Resource.addressSpace, soft: UInt64(policy.memoryLimitMB) * megabyte,
                              hard: UInt64(policy.memoryLimitMB) * megabyte)
        all = Posix.limit(Resource.fileSize, soft: UInt64(policy.fileLimitMB) * megabyte,
                          hard: UInt64(policy.fileLimitMB) * megabyte) && all
        all = Posix.limit(Resource.cpu, soft: UInt64(policy.cpuSeconds), hard: UInt64(policy.cpuSeconds) + 1) && all
        all = Posix.limit(Resource.openFiles, soft: UInt64(policy.openFiles), hard: UInt64(policy.openFiles)) && all
        Posix.limit(Resource.core, soft: 0, hard: 0)
        if all { protections.insert(.resourceLimits) }
        // RLIMIT_NPROC does not bind root, so it protects only with another user.
        if user != nil && Resource.processes >= 0
            && Posix.limit(Resource.processes, soft: UInt64(policy.processes), hard: UInt64(policy.processes)) {
            protections.insert(.processLimit)
        }
    }

    private mutating func switchUser(to user: (uid: uid_t, gid: gid_t)) {
        guard setgroups(0, nil) == 0, setgid(user.gid) == 0, setuid(user.uid) == 0 else {
            Posix.send(LauncherMessage.failed("cannot switch the worker to uid \(user.uid): \(Posix.lastError)").line,
                       to: LauncherMessage.descriptor)
            _exit(125)
        }
        if user.uid != 0 && setuid(0) != 0 { protections.insert(.unprivilegedUser) }
    }

    private func exec(environment: [String]) -> Never {
        var protections = self.protections
        var command = worker
        #if os(macOS)
        if let profile = Seatbelt.profile(directory: policy.workingDirectory) {
            command = ["/usr/bin/sandbox-exec", "-p", profile] + worker
            protections.insert(.seatbelt)
        }
        #endif
        Posix.send(LauncherMessage.ready(Array(protections)).line, to: LauncherMessage.descriptor)
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        var failure: (error: Int32, words: String)?
        #if os(Linux)
        if command.first == worker.first {
            // The judge writes the worker's copy close-on-exec, but a process forked
            // elsewhere in the judge at that instant holds it open for writing until it
            // execs: "text file busy" for a moment, so try again for up to a second.
            for _ in 0..<100 {
                _ = fexecve(executable, argv, envp)
                if errno != ETXTBSY { break }
                Posix.pause(milliseconds: 10)
            }
            failure = (errno, Posix.lastError)
        }
        #endif
        // The path is the fallback; in a private /tmp it is hidden, so on failure the
        // first error is the one that explains.
        _ = execve(command[0], argv, envp)
        let (error, words) = failure ?? (errno, Posix.lastError)
        let hint = error == EACCES ? " (is its folder on a noexec file system? set TMPDIR to one that is not)" : ""
        Posix.send(LauncherMessage.failed("cannot start the worker \(worker[0]): \(words)\(hint)").line,
                   to: LauncherMessage.descriptor)
        _exit(127)
    }
}
