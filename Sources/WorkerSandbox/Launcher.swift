#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWorkerSandbox

/// `grader-launcher`: starts one worker confined, waits for it, and cleans up after it.
///
/// The judge starts it (`grader-launcher OPTIONS -- WORKER ARGUMENTS`) with the worker's
/// descriptors 0–4 in place and a status pipe on descriptor 5 (see ``LauncherMessage``).
/// In its fresh single-threaded process it leads a new session; when root (and unless
/// `--no-isolation`) it unshares a PID and a mount namespace and makes a memory and
/// pids cgroup; then it forks. Its child sets up what must be set up from inside (a
/// private `/tmp`, the cgroups, limits, another user, an empty environment, only
/// descriptors 0–4) and execs the worker. The launcher stays behind: it relays how the
/// worker ended, kills whatever the worker left running, removes the cgroups, and kills
/// the worker if the judge goes away (its end of the status pipe closes).
public enum Launcher {
    public static func main(_ arguments: [String]) -> Never {
        let status = LauncherMessage.descriptor
        let (policy, worker): (SandboxPolicy, [String])
        do { (policy, worker) = try SandboxPolicy.parse(Array(arguments.dropFirst())) } catch {
            Posix.send(LauncherMessage.failed("grader-launcher: \(error)").line, to: status)
            exit(125)
        }
        let executable = open(worker[0], O_RDONLY | O_CLOEXEC)
        guard executable >= 0 else {
            Posix.send(LauncherMessage.failed("cannot open the worker \(worker[0]): \(Posix.lastError)").line, to: status)
            exit(125)
        }
        _ = setsid()
        var plan = Plan(policy: policy, worker: worker, executable: executable, launcher: getpid())
        if policy.isolate && geteuid() == 0 {
            plan.isolate()
        }
        if backproplab_become_subreaper() == 0 { plan.protections.insert(.leftoversKilled) }
        let childSignals = ChildSignals()
        let child = fork()
        if child == 0 {
            childSignals.reset()
            if plan.protections.contains(.pidNamespace) { plan.runInit() }
            plan.confineAndExec()
        }
        guard child > 0 else {
            Posix.send(LauncherMessage.failed("cannot fork the worker: \(Posix.lastError)").line, to: status)
            plan.cgroups?.remove()
            exit(125)
        }
        // Keep none of the worker's descriptors: the judge must see its pipes close
        // when the worker dies.
        for fd in [0, 1, 3, 4, executable] { close(Int32(fd)) }
        Posix.send(LauncherMessage.worker(pid: child).line, to: status)
        let ended = childSignals.waitFor(child, judge: status)
        if !plan.protections.contains(.pidNamespace) { Posix.send(LauncherMessage.ended(status: ended).line, to: status) }
        Leftovers.killAll()
        if plan.cgroups?.killedForMemory == true { Posix.send(LauncherMessage.outOfMemory.line, to: status) }
        plan.cgroups?.remove()
        exit(0)
    }
}
