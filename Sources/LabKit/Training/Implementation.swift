import Curriculum

/// Whose code the lab runs: the networks and update rules of one module.
///
/// The `lab` executable declares one conformance for the student's `Exercises` and,
/// when the package has them, one for the reference `Solutions`; everything in LabKit
/// is written against this protocol and never names either module.
public protocol Implementation {
    associatedtype TwoLayer: TwoLayerClassifier
    associatedtype Network: FullyConnectedClassifier
    associatedtype Rules: UpdateRules
    /// The value of `--impl` that selects it: `student` or `solutions`.
    static var name: String { get }
}
