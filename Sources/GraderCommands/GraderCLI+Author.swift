import AuthorKit
import CommandLineKit
import Foundation
import GraderKit

// The course author's commands: fixtures, release, new-exercise (docs/author-guide.md).

extension GraderCLI {
    /// `grader fixtures [NAME…] [--hidden [DIR]] [--seed N] [--out DIR]`: evaluates the recipes
    /// of the named exercises (all when none are named) with the reference worker and
    /// writes the cases.
    static func generateFixtures(_ names: [String], _ options: GraderArguments, workspace: Workspace,
                                 course: Course) throws -> Int32 {
        let chosen = names.isEmpty ? nil : try selectedNames(GraderArguments(command: .check(names)), course: course)
        let (seed, destination) = try fixtureSet(options, workspace: workspace)
        if !options.noBuild, let errors = workspace.buildWorker("solutions") {
            printError("grader: the reference solutions do not build:\n\(errors)")
            return 2
        }
        for file in ExerciseScaffold.filesWithAuthorTODO(in: workspace.root, under: ["Sources/Solutions"]) {
            printError("warning: \(file) is still the placeholder reference of `grader new-exercise`: its fixtures expect the identity. Write the reference, then run `grader fixtures` again.")
        }
        let worker = WorkerProcess(WorkerConfiguration(executable: workspace.workerExecutable("solutions"),
                                                       timeout: options.timeout))
        defer { worker.stop() }
        // A hidden set holds as many draws of every case as staff grading's fresh set.
        let generator = FixtureGenerator(worker: worker, seed: seed, draws: options.hiddenSet ? FixtureGenerator.staffDraws : 1)
        var written = 0
        for entry in course.exercises where chosen?.contains(entry.name) ?? true {
            guard let exercise = Judge.catalogByName[entry.name] else { continue }
            let directory = destination?.appendingPathComponent(entry.name)
                ?? workspace.assignments.appendingPathComponent(entry.folder).appendingPathComponent("fixtures")
            try? FileManager.default.removeItem(at: directory)
            for fixture in try generator.cases(for: exercise) {
                try FixtureStore.write(fixture, exercise: entry.name, to: directory)
                written += 1
            }
        }
        if options.hiddenSet, let destination {
            try HiddenFixtures.readme(seed: seed).write(to: destination.appendingPathComponent("README.md"),
                                                        atomically: true, encoding: .utf8)
        }
        let place = destination.map { " into \($0.path)" } ?? ""
        print("Wrote \(written) fixture cases (seed \(seed))\(place).")
        return 0
    }

    /// The seed and folder of the set `grader fixtures` writes (`nil`: the public set's
    /// place, assignments/*/fixtures).
    static func fixtureSet(_ options: GraderArguments, workspace: Workspace) throws -> (seed: UInt64, folder: URL?) {
        let folder = (options.outputDirectory ?? options.hidden.first).map { URL(fileURLWithPath: $0).standardizedFileURL }
        if options.hiddenSet {
            if options.seed == FixtureGenerator.publicSeed {
                throw UsageError("a hidden set needs a seed other than the public set's (\(FixtureGenerator.publicSeed)); leave out --seed for a random one")
            }
            return (options.seed ?? HiddenFixtures.freshSeed(),
                    folder ?? workspace.root.appendingPathComponent(HiddenFixtures.defaultFolder))
        }
        if folder == nil, let seed = options.seed, seed != FixtureGenerator.publicSeed {
            throw UsageError("the public fixtures in assignments/ use seed \(FixtureGenerator.publicSeed), and the tests check that they do; for another seed, give --out DIR or --hidden")
        }
        return (options.seed ?? FixtureGenerator.publicSeed, folder)
    }

    /// Refuses what only the author's edition can do (anything that needs the reference
    /// solutions) in a checkout without them, before it fails in a confusing way.
    static func requireAuthorEdition(_ options: GraderArguments, workspace: Workspace) throws {
        let needs: String?
        switch options.command {
        case .fixtures: needs = "grader fixtures"
        case .mistakes: needs = "grader mistakes"
        case .release: needs = "grader release"
        case .newExercise: needs = "grader new-exercise"
        default: needs = options.implementation == "solutions" ? "--impl solutions" : nil
        }
        guard let needs, !FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Sources/Solutions").path) else { return }
        throw UsageError("\(needs) needs the reference solutions (Sources/Solutions), which are not part of the student edition")
    }

    /// `grader release OUT`: writes the student edition.
    static func release(into path: String, workspace: Workspace, course: Course) throws -> Int32 {
        let out = URL(fileURLWithPath: path).standardizedFileURL
        try StudentEdition.checkDestination(out)
        let edition = try StudentEdition(root: workspace.root, policy: course.release ?? ReleasePolicy())
        try edition.checkComplete(course: course)
        try edition.write(to: out)
        print("""
            Wrote the student edition to \(out.path): \(edition.summary)

            Try it as a student would: cd \(path) && swift run grader
            (it builds without Sources/Solutions; every exercise should be 'not started').
            scripts/test-release.sh does exactly that.
            """)
        return 0
    }

    /// `grader new-exercise NAME [--title T] [--type T]`: scaffolds an exercise.
    static func newExercise(_ name: String, _ options: GraderArguments, workspace: Workspace, course: Course) throws -> Int32 {
        let names = try ExerciseName(name, typeName: options.typeName, title: options.title)
        let scaffold = try ExerciseScaffold(names, root: workspace.root, course: course)
        let (created, edited) = try scaffold.apply()
        print("""
            Scaffolded the exercise '\(names.name)' (\(names.title)), a layer with forward and backward:
            \(created.map { "  new     " + $0 }.joined(separator: "\n"))
            \(edited.map { "  edited  " + $0 }.joined(separator: "\n"))

            It compiles as it is, with an identity layer as its reference. Next:
              1. swift run grader fixtures \(names.name)
                 builds everything and writes its fixtures (from the placeholder, for now)
              2. swift run grader list
                 lists '\(names.name)'; `swift run grader` reports it not started
              3. write what the \(ExerciseScaffold.authorTODO) comments ask for: the protocol, stub,
                 reference, checks and handout (docs/author-guide.md walks through an example)
              4. swift run grader fixtures \(names.name)
                 again, from the real reference
              5. swift run grader --impl solutions check \(names.name)
            """)
        return 0
    }
}
