#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension WorkerProcess {
    /// Copies an executable to the new file `destination`, under ``spawning``.
    ///
    /// Unlike `FileManager.copyItem`, the copy is written through a close-on-exec
    /// descriptor: a process this one starts meanwhile without taking ``spawning`` (a
    /// build through Foundation's `Process`) must not inherit it open for writing, or
    /// every start of the copy fails with "text file busy" for as long as that process
    /// lives.
    /// - Parameters:
    ///   - source: the executable.
    ///   - destination: a path where nothing is yet.
    ///   - mode: the copy's permissions (0555, or 0711 for a copy its runner may not read).
    public static func copyExecutable(_ source: URL, to destination: URL, mode: mode_t) throws {
        try spawning.withLock { try copy(source, to: destination, mode: mode) }
    }

    private static func copy(_ source: URL, to destination: URL, mode: mode_t) throws {
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw CopyFailure(path: source.path, error: errno) }
        defer { close(input) }
        let output = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard output >= 0 else { throw CopyFailure(path: destination.path, error: errno) }
        defer { close(output) }
        guard fchmod(output, mode) == 0 else { throw CopyFailure(path: destination.path, error: errno) }
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
}
