#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The private folder of one ``WorkerProcess``, removed with it:
///
/// ```
/// backproplab-judge-<pid>-<random>/   0711, the judge's
///     worker                          0555, a copy of the worker (when isolating as root)
///     capture/                        0700: the workers' standard output and error
///     work/                           the worker's working folder (given to its user)
/// ```
///
/// The copy lets a worker running as another user execute its own code while the
/// build folders it came from (and the reference worker beside it) stay 0700.
final class WorkerFolder {
    let root: URL
    /// The executable to launch: the copy, or the original.
    let executable: URL
    var capture: URL { root.appendingPathComponent("capture") }
    var work: URL { root.appendingPathComponent("work") }
    private var captures = 0

    /// Makes the folder; copies `executable` into it when `copying`.
    init(for executable: URL, copying: Bool) throws(WorkerFailure) {
        let tag = "backproplab-judge-\(getpid())-\(UUID().uuidString.prefix(8))"
        root = FileManager.default.temporaryDirectory.appendingPathComponent(tag)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o711])
            try fm.createDirectory(at: root.appendingPathComponent("capture"), withIntermediateDirectories: false,
                                   attributes: [.posixPermissions: 0o700])
            try fm.createDirectory(at: root.appendingPathComponent("work"), withIntermediateDirectories: false,
                                   attributes: [.posixPermissions: 0o700])
            if copying {
                let copy = root.appendingPathComponent(executable.lastPathComponent)
                try WorkerProcess.copyExecutable(executable, to: copy, mode: 0o555)
                self.executable = copy
            } else {
                self.executable = executable
            }
        } catch {
            try? fm.removeItem(at: root)
            throw .infrastructure("cannot prepare a private folder for the worker: \(error.localizedDescription)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Two new empty files for a worker's standard output and error.
    func newCaptureFiles() -> (output: URL, error: URL) {
        captures += 1
        return (capture.appendingPathComponent("out-\(captures)"), capture.appendingPathComponent("err-\(captures)"))
    }
}
