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
                try WorkerProcess.spawning.withLock { try WorkerFolder.copy(executable, to: copy) }
                self.executable = copy
            } else {
                self.executable = executable
            }
        } catch {
            try? fm.removeItem(at: root)
            throw .infrastructure("cannot prepare a private folder for the worker: \(error.localizedDescription)")
        }
    }

    /// Copies `source` to the new file `destination`, mode 0555.
    ///
    /// Unlike `FileManager.copyItem`, the copy is written through a close-on-exec
    /// descriptor: a process this one starts meanwhile without taking
    /// ``WorkerProcess/spawning`` (a build through Foundation's `Process`) must not
    /// inherit it open for writing, or every start of the copy fails with "text file
    /// busy" for as long as that process lives.
    static func copy(_ source: URL, to destination: URL) throws {
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CopyFailure(path: source.path, error: errno) }
        defer { close(input) }
        let output = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o555)
        guard output >= 0 else { throw CopyFailure(path: destination.path, error: errno) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw CopyFailure(path: source.path, error: errno) }
            if count == 0 { return }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CopyFailure(path: destination.path, error: errno) }
                written += n
            }
        }
    }

    /// A failed read or write of the worker's copy.
    private struct CopyFailure: Error, LocalizedError {
        let path: String
        let error: Int32
        var errorDescription: String? { "\(path): \(String(cString: strerror(error)))" }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Two new empty files for a worker's standard output and error.
    func newCaptureFiles() -> (output: URL, error: URL) {
        captures += 1
        return (capture.appendingPathComponent("out-\(captures)"), capture.appendingPathComponent("err-\(captures)"))
    }
}
