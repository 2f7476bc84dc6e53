#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CWorkerSandbox

/// Thin wrappers over the system calls the launcher makes, so that its steps read as
/// sentences. None of them allocates much or touches Foundation: the launcher must
/// start fast and stay single-threaded until it execs.
enum Posix {
    /// Writes all of `text` to `fd`, ignoring errors (the reader may be gone).
    static func send(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + sent, $0.count - sent) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            sent += n
        }
    }

    /// The contents of a small file, or `nil`.
    static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 4096) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            result += buffer[..<n]
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Writes `text` to an existing file (a cgroup or /proc knob); `true` on success.
    @discardableResult
    static func store(_ text: String, in path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress!, bytes.count) } == bytes.count
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The last system error, in words.
    static var lastError: String { String(cString: strerror(errno)) }

    /// Sets a resource limit's soft and hard values; `true` on success.
    @discardableResult
    static func limit(_ resource: Int32, soft: UInt64, hard: UInt64) -> Bool {
        var value = rlimit(rlim_cur: rlim_t(soft), rlim_max: rlim_t(hard))
        #if os(Linux)
        return setrlimit(__rlimit_resource_t(resource), &value) == 0
        #else
        return setrlimit(resource, &value) == 0
        #endif
    }

    /// Seconds since an arbitrary start, from the monotonic clock.
    static var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Sleeps for `milliseconds`.
    static func pause(milliseconds: Int) { usleep(useconds_t(milliseconds * 1000)) }
}

/// The resource numbers, the same on every platform's `setrlimit`.
enum Resource {
    #if os(Linux)
    static let addressSpace = Int32(RLIMIT_AS.rawValue)
    static let fileSize = Int32(RLIMIT_FSIZE.rawValue)
    static let cpu = Int32(RLIMIT_CPU.rawValue)
    static let openFiles = Int32(RLIMIT_NOFILE.rawValue)
    static let core = Int32(RLIMIT_CORE.rawValue)
    #else
    static let addressSpace = RLIMIT_AS
    static let fileSize = RLIMIT_FSIZE
    static let cpu = RLIMIT_CPU
    static let openFiles = RLIMIT_NOFILE
    static let core = RLIMIT_CORE
    #endif
    static let processes = backproplab_rlimit_nproc()
}
