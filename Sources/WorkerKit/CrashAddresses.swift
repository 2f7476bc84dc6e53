import CWorkerCrash

/// Where a worker crashed: the return addresses on its crashed thread's stack that lie
/// in its own executable, innermost first, as offsets into the executable's file.
///
/// The worker's crash handler writes them on standard error as one line that starts
/// with ``prefix``; the judge, which can read the executable, turns them into
/// functions and source lines (the worker runs as another user and may not be able to
/// read its own executable, and Swift's own backtracer would cost time on every stop).
/// The handler costs nothing until a crash.
public enum CrashAddresses {
    /// What the handler's line starts with.
    public static let prefix = "BackpropLab crash frames:"

    /// Installs the crash handler, writing to standard error; `false` where there is
    /// none (anything but Linux).
    @discardableResult
    static func install() -> Bool {
        backproplab_install_crash_frames(2, prefix) == 0
    }

    /// The addresses on the last handler line of `standardError`, or `nil` if it has none.
    ///
    /// Student code can print a line like it: the worst it can do is point its own
    /// crash report at another line.
    public static func parse(_ standardError: String) -> [UInt64]? {
        guard let range = standardError.range(of: "\n" + prefix, options: .backwards)
                ?? (standardError.hasPrefix(prefix) ? standardError.range(of: prefix) : nil) else { return nil }
        let line = standardError[range.upperBound...].prefix { $0 != "\n" }
        let addresses = line.split(separator: " ").prefix(128).compactMap { word in
            word.hasPrefix("0x") ? UInt64(word.dropFirst(2), radix: 16) : nil
        }
        return addresses.isEmpty ? nil : addresses
    }
}
