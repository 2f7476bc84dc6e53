import WorkerSandbox

/// Which protections were in force around the student's code in a grading run: those
/// every worker of the run had, and those it lacked of the ones this platform offers
/// (see docs/security.md). Without root most isolation is not available.
public struct SandboxReport: Sendable, Hashable, Codable {
    /// In force for every worker of the run.
    public var enforced: [Protection]
    /// Offered on this platform but not in force for some worker.
    public var notEnforced: [Protection]

    /// The protections this platform can offer a worker when the grader runs as root.
    public static var available: Set<Protection> {
        #if os(Linux)
        Set(Protection.allCases).subtracting([.seatbelt])
        #elseif os(macOS)
        [.processGroup, .resourceLimits, .processLimit, .emptyEnvironment, .closedDescriptors, .privateDirectory,
         .unprivilegedUser, .seatbelt]
        #else
        [.processGroup, .resourceLimits, .emptyEnvironment, .closedDescriptors, .privateDirectory]
        #endif
    }

    public init(enforced: Set<Protection>) {
        self.enforced = enforced.sorted()
        self.notEnforced = SandboxReport.available.subtracting(enforced).sorted()
    }

    /// One line for a text report.
    public var summary: String {
        if notEnforced.isEmpty { return "Sandbox: all \(enforced.count) protections in force." }
        let reason = notEnforced.contains(.unprivilegedUser) ? " (these need the grader to run as root)" : ""
        return "Sandbox: not in force: \(notEnforced.map(\.rawValue).joined(separator: ", "))\(reason)."
    }
}
