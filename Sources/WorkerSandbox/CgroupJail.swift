#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A memory and a pids cgroup made for one worker, under the launcher's own cgroups:
/// cgroup v1 (`/sys/fs/cgroup/memory`, `/sys/fs/cgroup/pids`) where those are mounted,
/// else v2 (`/sys/fs/cgroup/unified` or `/sys/fs/cgroup`). Best effort: a controller
/// that cannot be set up is left out, and its protection is not reported.
///
/// In v2 (the kernel's Documentation/admin-guide/cgroup-v2.rst) a controller reaches a
/// child cgroup only when the parent lists it in `cgroup.controllers` and enables it
/// in `cgroup.subtree_control`; the kernel refuses that (EBUSY, "no internal
/// processes") while the parent itself holds processes, unless it is the root. The
/// child then has no `memory.max` or `pids.max`, and the protection is not in force.
struct CgroupJail {
    /// Where the cgroup file systems are mounted, and which cgroups the launcher is in.
    struct Hierarchies {
        /// The folder the hierarchies are mounted under (`/sys/fs/cgroup`).
        var mountPoint = "/sys/fs/cgroup"
        /// The launcher's membership, as `/proc/self/cgroup` lists it
        /// (`ID:CONTROLLERS:PATH` lines; v2 is the line `0::PATH`).
        var membership: String

        /// This system's.
        static var system: Hierarchies { Hierarchies(membership: Posix.contents(of: "/proc/self/cgroup") ?? "") }
    }

    /// The cgroup folders the worker joins.
    private(set) var folders: [String] = []
    /// The files that count OOM kills (`memory.oom_control` or `memory.events`).
    private var memoryEvents: String?
    private(set) var protections: Set<Protection> = []

    /// Makes the cgroups, named `name`, with the policy's limits.
    init(policy: SandboxPolicy, name: String, hierarchies: Hierarchies = .system) {
        let memoryBytes = UInt64(policy.memoryLimitMB) << 20
        if let folder = CgroupJail.make("memory", name: name, in: hierarchies) {
            if folder.version == 1 {
                Posix.store("\(memoryBytes)", in: folder.path + "/memory.limit_in_bytes")
                Posix.store("\(memoryBytes)", in: folder.path + "/memory.memsw.limit_in_bytes")
                memoryEvents = folder.path + "/memory.oom_control"
            } else {
                Posix.store("\(memoryBytes)", in: folder.path + "/memory.max")
                Posix.store("0", in: folder.path + "/memory.swap.max")
                // An OOM kill takes the whole cgroup, not one of the worker's processes.
                Posix.store("1", in: folder.path + "/memory.oom.group")
                memoryEvents = folder.path + "/memory.events"
            }
            folders.append(folder.path)
            protections.insert(.memoryCgroup)
        }
        if let folder = CgroupJail.make("pids", name: name, in: hierarchies) {
            if Posix.store("\(policy.processes)", in: folder.path + "/pids.max") {
                if !folders.contains(folder.path) { folders.append(folder.path) }
                protections.insert(.pidsCgroup)
            }
        }
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
    private static func make(_ controller: String, name: String, in hierarchies: Hierarchies)
        -> (path: String, version: Int)? {
        var unifiedPath: String?
        for line in hierarchies.membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[0] == "0" && fields[1].isEmpty {
                unifiedPath = String(fields[2])
            } else if fields[1].split(separator: ",").contains(Substring(controller)) {
                let root = hierarchies.mountPoint + "/" + controller
                guard Posix.exists(root + "/cgroup.procs") else { continue }
                let folder = root + (fields[2] == "/" ? "" : String(fields[2])) + "/" + name
                if mkdir(folder, 0o755) == 0 || errno == EEXIST { return (folder, 1) }
            }
        }
        guard let unifiedPath else { return nil }
        // Hybrid systems mount v2 at `unified`, v2-only systems at the mount point itself.
        for root in [hierarchies.mountPoint + "/unified", hierarchies.mountPoint]
        where Posix.exists(root + "/cgroup.controllers") {
            let parent = root + (unifiedPath == "/" ? "" : unifiedPath)
            let available = Posix.contents(of: parent + "/cgroup.controllers") ?? ""
            guard available.split(whereSeparator: \.isWhitespace).contains(Substring(controller)) else { continue }
            let enabled = Posix.contents(of: parent + "/cgroup.subtree_control") ?? ""
            if !enabled.split(whereSeparator: \.isWhitespace).contains(Substring(controller)) {
                // Fails (EBUSY) while the parent holds processes: then the child gets no knob.
                Posix.store("+\(controller)", in: parent + "/cgroup.subtree_control")
            }
            let folder = parent + "/" + name
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { continue }
            let knob = controller == "memory" ? "/memory.max" : "/pids.max"
            if Posix.exists(folder + knob) { return (folder, 2) }
            rmdir(folder)
            return nil
        }
        return nil
    }
}
