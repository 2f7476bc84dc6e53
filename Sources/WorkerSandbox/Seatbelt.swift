#if os(macOS)
import Darwin

/// macOS's `sandbox-exec` profile for a worker: no network, writes only in its working
/// folder and the temporary folders. UNTESTED: written without a Mac to run it on.
enum Seatbelt {
    /// The profile, or `nil` when `sandbox-exec` is not there.
    static func profile(directory: String) -> String? {
        guard access("/usr/bin/sandbox-exec", X_OK) == 0 else { return nil }
        let quoted = directory.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return """
            (version 1)(allow default)(deny network*)
            (deny file-write*)(allow file-write* (subpath "\(quoted)") (literal "/dev/null"))
            """
    }
}
#endif
