import Curriculum

/// Whose code the lab runs: one ``CourseImplementation`` (the student's or the
/// reference), of which the lab trains the networks with the update rules.
///
/// The `lab` executable makes the student's `Exercises.StudentImplementation` and,
/// when the package has it, the reference `Solutions.ReferenceImplementation` conform;
/// everything in LabKit is written against this protocol and never names either module.
public protocol Implementation: CourseImplementation {
    /// The value of `--impl` that selects it: `student` or `solutions`.
    static var name: String { get }
}
