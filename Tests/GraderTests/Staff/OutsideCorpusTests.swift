// Grading with fresh fixtures needs the reference solutions: author's edition only.
#if AUTHOR_EDITION
import Foundation
import Testing
@testable import GraderKit
@testable import StaffKit

extension StaffGradingTests {
    /// Correct implementations the project did not write (Tests/Data/Outside and the
    /// held-out Tests/Data/Outside2, see their READMEs), graded as staff grade: none may
    /// lose a point, on the public fixtures or on fresh ones.
    @Suite("Correct code written elsewhere")
    struct OutsideCorpusTests {
        /// The corpus the checks were developed against.
        static let corpus = folder("Outside")

        static func folder(_ name: String) -> URL {
            BuiltProducts.checkout.appendingPathComponent("Tests/Data/\(name)")
        }

        /// One entry of the corpus's manifest.json.
        struct Variant: Decodable {
            var id: String
            var exercise: String
            var file: String
            var kind: String
            var requires: [String]?
            /// The corpus folder it was read from.
            var corpus = OutsideCorpusTests.corpus

            enum CodingKeys: CodingKey { case id, exercise, file, kind, requires }

            func source() throws -> String {
                try String(contentsOf: corpus.appendingPathComponent("\(id)/Sources/Exercises/\(file)"), encoding: .utf8)
            }
        }

        /// The variants listed in a corpus's manifest.json.
        static func variants(in corpus: URL) throws -> [Variant] {
            try JSONDecoder().decode([Variant].self, from: Data(contentsOf: corpus.appendingPathComponent("manifest.json")))
                .map { var variant = $0; variant.corpus = corpus; return variant }
        }

        /// The correct variants as submissions: the k-th variant of every exercise in
        /// submission k; one built on the student's own layers with correct versions of
        /// those layers beside it. Returns each submission's files and the exercises it
        /// must earn full marks in.
        static func submissions(of corpus: URL) throws -> [(files: [String: String], graded: [String: String])] {
            let variants = try Self.variants(in: corpus).filter { $0.kind == "correct" }
            let selfContained = variants.filter { $0.requires?.isEmpty ?? true }
            let byExercise = Dictionary(grouping: selfContained, by: \.exercise)
            var result: [(files: [String: String], graded: [String: String])] = []
            for k in 0..<(byExercise.values.map(\.count).max() ?? 0) {
                let chosen = byExercise.values.compactMap { $0.count > k ? $0[k] : nil }
                result.append((Dictionary(uniqueKeysWithValues: try chosen.map { ($0.file, try $0.source()) }),
                               Dictionary(uniqueKeysWithValues: chosen.map { ($0.exercise, $0.id) })))
            }
            for variant in variants where !(variant.requires?.isEmpty ?? true) {
                var files = [variant.file: try variant.source()]
                for layer in variant.requires! {
                    let helper = try #require(byExercise[layer]?.first, "no self-contained correct \(layer)")
                    files[helper.file] = try helper.source()
                }
                result.append((files, [variant.exercise: variant.id]))
            }
            return result
        }

        /// The mistakes of the corpus that no check saw before the checks that see them
        /// now, each with that check: one submission holds them all (their files differ).
        static let onceUnseen = [
            ("twolayer-m12-init-reseeded", "two-layer-net", "init"),
            ("fcnet-m11-init-reseeded", "fc-net", "init"),
            ("groupnorm-m09-no-divisibility-check", "groupnorm", "groups-divide-channels"),
        ]

        @Test("a generator seeded again for each layer and a group norm that splits channels lose their checks")
        func onceUnseenMistakesAreCaught() throws {
            let grader = try StaffGradingTests.grader.get()
            let variants = try Self.variants(in: Self.corpus)
            var files: [String: String] = [:]
            for (id, _, _) in Self.onceUnseen {
                let variant = try #require(variants.first { $0.id == id })
                files["Sources/Exercises/\(variant.file)"] = try variant.source()
            }
            let report = try grader.grade(try StaffSupport.folder(files, named: "outside-once-unseen"))
            for (id, exercise, check) in Self.onceUnseen {
                let result = try #require(try StaffGradingTests.exercise(exercise, in: report).checks.first { $0.id == check })
                #expect(result.status == .failed && result.points == 0, "\(id): \(check) \(result.status)")
            }
        }

        @Test("every correct variant earns every point of its exercise, on the public and fresh fixtures",
              arguments: ["Outside", "Outside2"])
        func correctVariantsLoseNothing(corpus: String) throws {
            let grader = try StaffGradingTests.grader.get()
            let submissions = try Self.submissions(of: Self.folder(corpus))
            #expect(submissions.flatMap(\.graded.values).count >= 20)
            for (index, submission) in submissions.enumerated() {
                let files = Dictionary(uniqueKeysWithValues: submission.files.map { ("Sources/Exercises/\($0.key)", $0.value) })
                let report = try grader.grade(try StaffSupport.folder(files, named: "\(corpus.lowercased())-\(index)"))
                #expect(report.compileFailures.isEmpty, "\(report.compileFailures)")
                for (exercise, id) in submission.graded {
                    let result = try StaffGradingTests.exercise(exercise, in: report)
                    let lost = result.checks.filter { $0.points < $0.maxPoints }
                    #expect(lost.isEmpty, "\(id) loses points in \(lost.map { "\($0.id): \($0.problem ?? $0.failure?.message ?? $0.status.rawValue)" })")
                }
            }
        }
    }
}
#endif
