import Curriculum

/// What a crashed lab run left on its standard error, in a student's terms: the
/// message, whether it was an unfinished exercise's `TODO`, and the student's own line
/// (the first frame of the backtrace in `Sources/Exercises`).
public struct CrashSummary: Sendable, Hashable {
    /// The runtime's message: `"index out of range"`, or the whole `TODO` message.
    public var message: String
    /// The exercise whose stub was reached (`"fc-net"`), when the crash is a `TODO`.
    public var unfinishedExercise: String?
    /// `Sources/Exercises/Affine.swift:34`, when a frame of the student's code is in the
    /// backtrace.
    public var studentLine: String?

    /// Reads the standard error of a crashed run: Swift's `…: Fatal error: <message>`
    /// line and the backtrace its runtime prints (`… at /…/Sources/Exercises/X.swift:34:9`).
    public init(standardError text: String) {
        message = "the program stopped with a signal"
        for line in text.split(separator: "\n") {
            if let range = line.range(of: "Fatal error: ") {
                message = String(line[range.upperBound...])
                break
            }
            if let range = line.range(of: "*** Program crashed: ") {
                message = String(line[range.upperBound...].prefix { $0 != "*" }).trimmingCharacters(in: .whitespaces)
            }
        }
        if message.hasPrefix(TODOMarker.prefix + " ") {
            unfinishedExercise = String(message.dropFirst(TODOMarker.prefix.count + 1).prefix { $0 != ":" })
        }
        studentLine = CrashFrame.studentFrame(in: text.split(separator: "\n").compactMap(CrashFrame.init(backtraceLine:)))?
            .location
    }

    /// The two lines `lab` prints instead of the runtime's report.
    /// - Parameters:
    ///   - command: `"lab train"`.
    ///   - needs: the exercises the run uses, if known.
    public func lines(command: String, needs: [String]?) -> [String] {
        let check = "swift run grader check " + (needs ?? unfinishedExercise.map { [$0] } ?? []).joined(separator: " ")
        let where_ = studentLine.map { " at \($0)" } ?? ""
        if let exercise = unfinishedExercise {
            let uses = needs.map { "; this run uses \($0.joined(separator: ", "))" } ?? ""
            return ["\(command) stopped: exercise \(exercise) is not finished (\(message.drop { $0 != ":" }.dropFirst().trimmingPrefix(" "))\(where_))\(uses).",
                    "Next: finish it, then `\(check)` until every check passes, and run this again."]
        }
        return ["\(command) stopped: your code crashed: \(message)\(where_).",
                "Next: fix that line; `\(needs == nil ? "swift run grader" : check)` shows which check it breaks."]
    }
}
