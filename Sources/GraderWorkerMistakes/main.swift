// The worker for `grader mistakes`: answers the judge's requests as an implementation
// that makes one catalogued mistake and is the reference everywhere else.
//
//   grader-worker-mistakes --list
//       prints the catalogue as JSON: [{"id", "exercise", "title", "hint"}], in the
//       course's order of exercises.
//   grader-worker-mistakes --mistake ID
//       serves requests as `grader-worker` does, with mistake ID's exercise mistaken.
import Foundation
import Mistakes
import Solutions
import WorkerKit

/// What `--list` prints for one mistake.
struct Entry: Encodable {
    var id: String
    var exercise: String
    var title: String
    var hint: String
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("grader-worker-mistakes: \(message)\n".utf8))
    exit(2)
}

let usage = "usage: grader-worker-mistakes --list | --mistake ID"
let arguments = Array(CommandLine.arguments.dropFirst())

if arguments == ["--list"] {
    let order = Dictionary(uniqueKeysWithValues: MistakeCatalog.exercises.enumerated().map { ($1, $0) })
    let listed = MistakeCatalog.all.enumerated().sorted {
        (order[$0.element.exercise] ?? order.count, $0.offset) < (order[$1.element.exercise] ?? order.count, $1.offset)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
    let json = try encoder.encode(listed.map {
        Entry(id: $0.element.id, exercise: $0.element.exercise, title: $0.element.title, hint: $0.element.hint)
    })
    FileHandle.standardOutput.write(json + Data("\n".utf8))
    exit(0)
}

guard let flag = arguments.firstIndex(of: "--mistake") else { fail(usage) }
guard flag + 1 < arguments.count else { fail("--mistake needs an id\n\(usage)") }
let id = arguments[flag + 1]
guard let mistake = MistakeCatalog.mistake(id: id) else {
    let close = MistakeCatalog.idsResembling(id)
    fail("no mistake '\(id)' in the catalogue"
         + (close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?")
         + " (--list shows them all)")
}
WorkerMain.run(DispatchTable(serving: ReferenceImplementation.self, replacing: mistake.handlers))
