// The Swift files of a scaffolded exercise. Each compiles as written; what only the
// author can write is marked AUTHOR-TODO.

extension ExerciseScaffold {
    private var name: String { names.name }
    private var type: String { names.typeName }
    private var todo: String { ExerciseScaffold.authorTODO }

    /// `Sources/Curriculum/<Type>.swift`: the protocol, the contract of the exercise.
    var protocolSource: String {
        """
        import TensorKit

        /// Exercise `\(name)`: \(names.title).
        ///
        /// \(todo): say what the layer computes (`out = f(x)`, element by element?) and where it
        /// is used. This protocol is the contract between the student's stub (`Exercises.\(type)`),
        /// the reference (`Solutions.\(type)`) and the worker (`ExerciseHandlers.\(names.memberName)`):
        /// change a signature here first, then in those three.
        public protocol \(names.protocolName): Sendable {
            /// Whatever the forward pass keeps for the backward pass.
            associatedtype Cache
            init()

            /// - Parameter x: inputs of any shape.
            /// - Returns: `out` in `x`'s shape and the cache.
            func forward(_ x: Tensor) -> (out: Tensor, cache: Cache)

            /// - Parameters:
            ///   - dout: the upstream gradient, in `x`'s shape.
            ///   - cache: what ``forward(_:)`` returned.
            /// - Returns: `dx` in `x`'s shape.
            func backward(_ dout: Tensor, cache: Cache) -> Tensor
        }

        """
    }

    /// `Sources/Exercises/<Type>.swift`: the stub students start from.
    var stubSource: String {
        """
        import Curriculum
        import TensorKit

        /// Exercise `\(name)`: \(names.title).
        ///
        /// \(todo): a paragraph for the student: what the layer does and why it matters.
        /// Handout: `assignments/\(folder)/README.md`. Check: `swift run grader check \(name)`.
        public struct \(type): \(names.protocolName) {
            /// What ``forward(_:)`` hands to ``backward(_:cache:)``. Yours to design: add the
            /// stored properties the backward pass needs.
            public struct Cache {
                // keep what backward needs
            }

            public init() {}

            /// \(todo): what the forward pass computes, in the student's terms.
            ///
            /// - Parameter x: inputs of any shape.
            /// - Returns: `out` in `x`'s shape, and a cache with what the backward pass needs.
            public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) {
                TODO("\(name)")
            }

            /// \(todo): the gradient with respect to `x`, and a hint towards it.
            ///
            /// - Parameters:
            ///   - dout: the upstream gradient `dL/dout`, in `x`'s shape.
            ///   - cache: what ``forward(_:)`` returned.
            /// - Returns: `dx` in `x`'s shape.
            public func backward(_ dout: Tensor, cache: Cache) -> Tensor {
                TODO("\(name)")
            }
        }

        """
    }

    /// `Sources/Solutions/<Type>.swift`: an identity layer standing in for the reference.
    var referenceSource: String {
        """
        import Curriculum
        import TensorKit

        // \(todo): THIS IS A PLACEHOLDER, NOT THE REFERENCE.
        // `grader new-exercise` wrote an identity layer (out = x, dx = dout) so that the package
        // compiles at once. Fixtures made from it expect the identity: with them, the grader
        // would pass a student who returns the input unchanged, and fail every correct one.
        // Write the real reference, delete these lines, and run `swift run grader fixtures`.
        // `grader fixtures` warns and `grader release` refuses while these lines are here.

        /// The reference `\(name)`: \(names.title).
        public struct \(type): \(names.protocolName) {
            public init() {}

            public func forward(_ x: Tensor) -> (out: Tensor, cache: Void) {
                (x, ())
            }

            public func backward(_ dout: Tensor, cache: Void) -> Tensor {
                dout
            }
        }

        """
    }

    /// `Sources/GraderKit/Checks/<Type>Checks.swift`: fixtures, and the three standard checks.
    var checksSource: String {
        """
        import TensorKit
        import WorkerKit

        extension ExerciseChecks {
            /// `\(name)`: \(names.title).
            public static let \(names.memberName) = ExerciseChecks(
                name: "\(name)", title: "\(names.title)", stubFile: "Sources/Exercises/\(type).swift",
                // How `grader fixtures` makes the inputs of each case. \(todo): choose inputs that
                // exercise the whole layer and stay away from any kink (see `awayFromZero`).
                fixtureRecipes: [
                    FixtureRecipe("forward", outputs: ["out"]) { g in
                        \(names.callsName).forward.request(tensors: ["x": normal([4, 5], &g)])
                    },
                    FixtureRecipe("backward", outputs: ["dx"]) { g in
                        \(names.callsName).backward.request(tensors: ["x": normal([10, 10], &g), "dout": normal([10, 10], &g)])
                    },
                ],
                // Their points and thresholds are in assignments/course.json, by id.
                checks: [
                    .matchesFixture("forward", "forward pass matches the reference", case: "forward",
                                    hints: ["out": "\(todo): what to look at when out is wrong"]),
                    .matchesFixture("backward", "backward pass matches the reference", case: "backward",
                                    hints: ["dx": "\(todo): what to look at when dx is wrong"]),
                    .matchesNumericGradient("gradient", "backward pass matches numeric gradients of your forward",
                                            case: "backward", forward: \(names.callsName).forward.name, inputs: [("x", "dx")]),
                ])
        }

        """
    }

    /// `Sources/WorkerKit/Handlers/<Type>Handlers.swift`: the calls, and how the worker answers them.
    var handlersSource: String {
        """
        import Curriculum

        /// The calls of exercise `\(name)`, shared by its checks and its handlers.
        public enum \(names.callsName) {
            public static let exercise = "\(name)"
            /// `\(name).forward(x) → out`.
            public static let forward = WorkerCall(exercise, "forward", tensors: ["x"], outputs: ["out"])
            /// `\(name).backward(x, dout) → out, dx`.
            public static let backward = WorkerCall(exercise, "backward", tensors: ["x", "dout"], outputs: ["out", "dx"])
        }

        extension ExerciseHandlers {
            /// The calls of ``\(names.callsName)``, answered by `layer`.
            public static func \(names.memberName)(_ layer: some \(names.protocolName)) -> ExerciseHandlers {
                ExerciseHandlers([
                    \(names.callsName).forward: { r in
                        WorkerReply(tensors: ["out": layer.forward(try r.tensor("x")).out])
                    },
                    \(names.callsName).backward: { r in
                        let (out, cache) = layer.forward(try r.tensor("x"))
                        return WorkerReply(tensors: ["out": out, "dx": layer.backward(try r.tensor("dout"), cache: cache)])
                    },
                ])
            }
        }

        """
    }
}
