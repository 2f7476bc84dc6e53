#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Curriculum
import Foundation
import WorkerKit

extension WorkerProcess {
    /// Starts a lane's worker through the launcher, in this process's private folder.
    func start(lane: Int = 0) throws(WorkerFailure) {
        let path = configuration.executable.path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .infrastructure("no worker executable at \(path); build it with `swift build --product \(configuration.executable.lastPathComponent)`")
        }
        guard let launcher = configuration.launcherExecutable() else {
            throw .infrastructure("no \(WorkerConfiguration.launcherProduct) next to the grader; build it with `swift build --product \(WorkerConfiguration.launcherProduct)`")
        }
        if folder == nil {
            folder = try WorkerFolder(for: configuration.executable, copying: configuration.isolate && geteuid() == 0)
        }
        guard let folder else { return }
        lanes[lane] = try RunningWorker(launcher: launcher, worker: folder.executable, arguments: configuration.arguments,
                                    policy: configuration.policy(workingDirectory: folder.work.path, launcher: launcher),
                                    capture: folder.newCaptureFiles())
    }

    /// Why a frame went unanswered.
    enum Cause {
        case timedOut
        /// The reply pipe closed (or the request pipe did): the worker is dying or
        /// stopped listening.
        case closed
        /// The worker reported that a stub's `TODO` stopped it.
        case notStarted(exercise: String, function: String)
        /// The worker wrote something that is not a reply.
        case brokeProtocol(String)
    }

    /// Ends the lane's worker that left a frame unanswered and says why, in a student's terms.
    func collapse(_ cause: Cause, lane: Int) -> WorkerFailure {
        guard let worker = lanes[lane] else { return .infrastructure("no worker is running") }
        lanes[lane] = nil
        let grace: Double
        switch cause {
        case .closed, .notStarted: grace = 1   // it is dying: let it say why
        case .timedOut, .brokeProtocol: grace = 0
        }
        let end = worker.end(grace: grace)
        record(end)
        let (printed, standardError) = worker.collectOutput()
        output += printed
        if let failure = end.failure { return .infrastructure(failure) }
        switch cause {
        case .timedOut:
            return .timedOut(seconds: configuration.timeout)
        case .notStarted(let exercise, let function):
            return .notStarted(exercise: exercise, function: function)
        case .brokeProtocol(let what):
            return .crashed(reason: "the worker sent \(what) instead of its replies", location: nil)
        case .closed:
            guard end.endedByItself else {
                return .crashed(reason: "the worker stopped answering (it closed its reply descriptor) and was stopped",
                                location: nil)
            }
            return CrashReport.diagnose(standardError: standardError, waitStatus: end.status,
                                        killedForMemory: end.outOfMemory, memoryLimitMB: configuration.workerMemoryLimitMB,
                                        frames: crashedStack(standardError: standardError))
        }
    }

    /// The worker's crashed stack, read from the addresses its crash handler wrote (see
    /// ``CrashAddresses``); empty when it wrote none or they cannot be read, and when
    /// ``locatesCrashes`` is off.
    private func crashedStack(standardError: String) -> [CrashFrame] {
        guard locatesCrashes, let addresses = CrashAddresses.parse(standardError), let symbolizer = Symbolizer.installed,
              let executable = folder?.executable else { return [] }
        return symbolizer.frames(at: addresses, in: executable) ?? []
    }
}
