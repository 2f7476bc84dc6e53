#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A memory and a pids cgroup made for one worker, under the launcher's own cgroups:
/// cgroup v1 (`/sys/fs/cgroup/memory`, `/sys/fs/cgroup/pids`) where those are mounted,
/// else v2 (`/sys/fs/cgroup/unified` or `/sys/fs/cgroup`). Best effort: a controller
/// that cannot be set up is left out, and its protection is not reported.
struct CgroupJail {
    /// The cgroup folders the worker joins.
    private(set) var folders: [String] = []
    /// The files that count OOM kills (`memory.oom_control` or `memory.events`).
    private var memoryEvents: String?
    private(set) var protections: Set<Protection> = []

    /// Makes the cgroups, named after the launcher's pid, with the policy's limits.
    init(policy: SandboxPolicy, name: String) {
        #if os(Linux)
        let memoryBytes = UInt64(policy.memoryLimitMB) << 20
        if let folder = CgroupJail.make("memory", name: name) {
            if folder.version == 1 {
                Posix.store("\(memoryBytes)", in: folder.path + "/memory.limit_in_bytes")
                Posix.store("\(memoryBytes)", in: folder.path + "/memory.memsw.limit_in_bytes")
                memoryEvents = folder.path + "/memory.oom_control"
            } else {
                Posix.store("\(memoryBytes)", in: folder.path + "/memory.max")
                Posix.store("0", in: folder.path + "/memory.swap.max")
                memoryEvents = folder.path + "/memory.events"
            }
            folders.append(folder.path)
            protections.insert(.memoryCgroup)
        }
        if let folder = CgroupJail.make("pids", name: name) {
            if Posix.store("\(policy.processes)", in: folder.path + "/pids.max") {
                if !folders.contains(folder.path) { folders.append(folder.path) }
                protections.insert(.pidsCgroup)
            }
        }
        #endif
    }

    /// Moves the calling process into the cgroups; its children follow.
    /// - Returns: the protections now in force (none if joining failed).
    func join() -> Set<Protection> {
        var joined = protections
        for folder in folders where !Posix.store("0", in: folder + "/cgroup.procs") {
            joined.subtract([.memoryCgroup, .pidsCgroup])
        }
        return joined
    }

    /// Whether the kernel killed a process of the cgroup for memory.
    var killedForMemory: Bool {
        guard let memoryEvents, let text = Posix.contents(of: memoryEvents) else { return false }
        for line in text.split(separator: "\n") where line.hasPrefix("oom_kill ") {
            return Int(line.dropFirst("oom_kill ".count)) ?? 0 > 0
        }
        return false
    }

    /// Removes the cgroups, retrying briefly while the kernel finishes tearing down
    /// their last processes.
    func remove() {
        for folder in folders.reversed() {
            let deadline = Posix.now + 1
            while rmdir(folder) != 0 && errno == EBUSY && Posix.now < deadline { Posix.pause(milliseconds: 2) }
        }
    }

    // MARK: - Finding the hierarchy

    /// A cgroup made for `controller`: v1 when that controller has its own hierarchy,
    /// else v2 when the launcher's v2 cgroup can delegate it.
    private static func make(_ controller: String, name: String) -> (path: String, version: Int)? {
        let membership = Posix.contents(of: "/proc/self/cgroup") ?? ""
        var unifiedPath: String?
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[1].isEmpty {
                unifiedPath = String(fields[2])
            } else if fields[1].split(separator: ",").contains(Substring(controller)) {
                let root = "/sys/fs/cgroup/\(controller)"
                guard Posix.exists(root + "/cgroup.procs") else { continue }
                let folder = root + (fields[2] == "/" ? "" : String(fields[2])) + "/" + name
                if mkdir(folder, 0o755) == 0 || errno == EEXIST { return (folder, 1) }
            }
        }
        guard let unifiedPath else { return nil }
        for root in ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"] where Posix.exists(root + "/cgroup.controllers") {
            let parent = root + (unifiedPath == "/" ? "" : unifiedPath)
            let available = Posix.contents(of: parent + "/cgroup.controllers") ?? ""
            guard available.split(whereSeparator: \.isWhitespace).contains(Substring(controller)) else { continue }
            Posix.store("+\(controller)", in: parent + "/cgroup.subtree_control")
            let folder = parent + "/" + name
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { continue }
            let knob = controller == "memory" ? "/memory.max" : "/pids.max"
            if Posix.exists(folder + knob) { return (folder, 2) }
            rmdir(folder)
        }
        return nil
    }
}
