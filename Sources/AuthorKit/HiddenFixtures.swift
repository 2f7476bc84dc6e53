import Foundation
import GraderKit

/// Hidden fixture sets: cases made by the same recipes as the public set but from
/// another seed, which only the staff keep (`grader fixtures --hidden`). A student who
/// hard-codes the public answers passes the public set and fails a hidden one.
public enum HiddenFixtures {
    /// Where `grader fixtures --hidden` writes unless given `--out`: a staff-only path,
    /// which `grader release` leaves out.
    public static let defaultFolder = "hidden-fixtures"

    /// A seed for a new hidden set: random, and never the public set's.
    public static func freshSeed() -> UInt64 {
        UInt64.random(in: 1...UInt64(UInt32.max))
    }

    /// The note written into a hidden set's folder: its seed and how to use it.
    public static func readme(seed: UInt64) -> String {
        """
        # Hidden fixtures (staff only)

        Written by `grader fixtures --hidden --seed \(seed)`: the public recipes with seed \(seed)
        instead of \(FixtureGenerator.publicSeed), \(FixtureGenerator.staffDraws) draws of every case
        (`<case>`, `<case>@2`, …; a check earns its points only on all of them). The same
        command writes the same files again.

        Grade against this set with `swift run grader --fixtures <this folder>` (or give it to
        `grader grade` as its hidden set). Do not give it to students: `grader release` leaves
        out `\(defaultFolder)/`; a set kept elsewhere must stay out of the student edition too.

        """
    }
}
