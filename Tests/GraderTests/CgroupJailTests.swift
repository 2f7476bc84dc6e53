#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import GraderKit
@testable import WorkerSandbox

/// The launcher's cgroup v2 steps (docs/security.md, "cgroup v2"), against the files
/// the kernel provides (Documentation/admin-guide/cgroup-v2.rst). This machine binds
/// memory and pids to v1, so the v2 steps are checked on a folder laid out like a v2
/// hierarchy, and on the real v2 hierarchy only for what it offers.
@Suite("cgroup v2")
struct CgroupJailTests {
    /// 1024 MiB in bytes, as `memory.max` takes it.
    static let gigabyte = "1073741824"

    /// A folder laid out like a v2 hierarchy mounted at its root: the launcher is in
    /// `/grading`, which offers `controllers`.
    struct FakeHierarchy {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("cgroup2-\(UUID().uuidString)").path
        var parent: String { mountPoint + "/grading" }
        var hierarchies: CgroupJail.Hierarchies { CgroupJail.Hierarchies(mountPoint: mountPoint, membership: "0::/grading\n") }

        /// - Parameters:
        ///   - controllers: the parent's `cgroup.controllers`.
        ///   - enabled: the parent's `cgroup.subtree_control`; `nil` makes it unwritable
        ///     (as the kernel refuses it, EBUSY, while the parent holds processes).
        ///   - child: the files the kernel gives the worker's cgroup `name` when it is
        ///     made (none when the parent does not delegate).
        init(controllers: String, enabled: String?, child name: String, files: [String]) throws {
            let fm = FileManager.default
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            fm.createFile(atPath: mountPoint + "/cgroup.controllers", contents: Data("cpu memory pids\n".utf8))
            fm.createFile(atPath: parent + "/cgroup.controllers", contents: Data(controllers.utf8))
            if let enabled {
                fm.createFile(atPath: parent + "/cgroup.subtree_control", contents: Data(enabled.utf8))
            } else {
                try fm.createDirectory(atPath: parent + "/cgroup.subtree_control", withIntermediateDirectories: false)
            }
            if !files.isEmpty {
                try fm.createDirectory(atPath: parent + "/" + name, withIntermediateDirectories: false)
                for file in files { fm.createFile(atPath: parent + "/\(name)/\(file)", contents: Data()) }
            }
        }

        func read(_ path: String) -> String? { try? String(contentsOfFile: parent + "/" + path, encoding: .utf8) }
        func remove() { try? FileManager.default.removeItem(atPath: mountPoint) }
    }

    static let kernelFiles = ["cgroup.procs", "memory.max", "memory.swap.max", "memory.oom.group", "memory.events", "pids.max"]

    @Test("a parent that delegates memory and pids gets a child cgroup with memory.max, no swap, one OOM group and pids.max")
    func delegatedParent() throws {
        let tree = try FakeHierarchy(controllers: "cpu memory pids\n", enabled: "memory pids\n", child: "w", files: Self.kernelFiles)
        defer { tree.remove() }
        let jail = CgroupJail(policy: SandboxPolicy(memoryLimitMB: 1024, processes: 64), name: "w", hierarchies: tree.hierarchies)
        #expect(jail.protections == [.memoryCgroup, .pidsCgroup])
        #expect(jail.folders == [tree.parent + "/w"])
        #expect(tree.read("w/memory.max") == Self.gigabyte)
        #expect(tree.read("w/memory.swap.max") == "0")
        #expect(tree.read("w/memory.oom.group") == "1")
        #expect(tree.read("w/pids.max") == "64")
        #expect(jail.join() == [.memoryCgroup, .pidsCgroup])
        #expect(tree.read("w/cgroup.procs") == "0", "the joining process writes 0 (itself) into cgroup.procs")

        #expect(!jail.killedForMemory)
        try Data("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 1\n".utf8)
            .write(to: URL(fileURLWithPath: tree.parent + "/w/memory.events"))
        #expect(jail.killedForMemory, "memory.events' oom_kill counts the kills")
    }

    @Test("a parent that offers a controller not yet enabled below it is asked to enable it")
    func enablesTheController() throws {
        let tree = try FakeHierarchy(controllers: "memory pids\n", enabled: "", child: "w", files: Self.kernelFiles)
        defer { tree.remove() }
        let jail = CgroupJail(policy: SandboxPolicy(memoryLimitMB: 1024, processes: 64), name: "w", hierarchies: tree.hierarchies)
        #expect(jail.protections == [.memoryCgroup, .pidsCgroup])
        // Each write starts at the file's beginning: the last one, +pids, over +memory.
        #expect(tree.read("cgroup.subtree_control")?.hasPrefix("+pids") == true)
    }

    @Test("a parent that cannot enable the controllers (it holds processes) leaves no cgroup and claims no cap")
    func parentHoldingProcesses() throws {
        let tree = try FakeHierarchy(controllers: "memory pids\n", enabled: nil, child: "w", files: [])
        defer { tree.remove() }
        let jail = CgroupJail(policy: SandboxPolicy(), name: "w", hierarchies: tree.hierarchies)
        #expect(jail.protections.isEmpty)
        #expect(jail.folders.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: tree.parent + "/w"), "the empty child is removed")
        #expect(SandboxReport(enforced: Set(Protection.allCases).subtracting([.memoryCgroup, .pidsCgroup])).summary
                == "Sandbox: not in force: memory-cgroup, pids-cgroup.")
    }

    @Test("a parent that does not offer the controllers (hybrid systems bind them to v1) claims no cap")
    func controllersElsewhere() throws {
        let tree = try FakeHierarchy(controllers: "hugetlb\n", enabled: "", child: "w", files: [])
        defer { tree.remove() }
        let jail = CgroupJail(policy: SandboxPolicy(), name: "w", hierarchies: tree.hierarchies)
        #expect(jail.protections.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: tree.parent + "/w"))
    }

    @Test("on this kernel's v2 hierarchy a cap is claimed only if the kernel made its file, and nothing is left",
          .enabled(if: geteuid() == 0))
    func realHierarchy() throws {
        let membership = try String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
        let unified = membership.split(separator: "\n").filter { $0.hasPrefix("0::") }.joined(separator: "\n")
        try #require(!unified.isEmpty, "no v2 line in /proc/self/cgroup")
        let name = "backproplab-test-\(getpid())"
        let jail = CgroupJail(policy: SandboxPolicy(memoryLimitMB: 1024), name: name,
                              hierarchies: CgroupJail.Hierarchies(membership: unified))
        defer { jail.remove() }
        let mount = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"].first {
            FileManager.default.fileExists(atPath: $0 + "/cgroup.controllers")
        }
        let path = String(unified.dropFirst(3))
        let offered = (try? String(contentsOfFile: (mount ?? "") + (path == "/" ? "" : path) + "/cgroup.controllers",
                                   encoding: .utf8)) ?? ""
        if !offered.split(separator: " ").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }).contains("memory") {
            #expect(!jail.protections.contains(.memoryCgroup), "memory is not offered in v2 here: \(offered)")
        }
        for folder in jail.folders where jail.protections.contains(.memoryCgroup) {
            let limit = try String(contentsOfFile: folder + "/memory.max", encoding: .utf8)
            #expect(limit.trimmingCharacters(in: .whitespacesAndNewlines) == Self.gigabyte)
        }
        jail.remove()
        for folder in jail.folders { #expect(!FileManager.default.fileExists(atPath: folder)) }
    }
}
