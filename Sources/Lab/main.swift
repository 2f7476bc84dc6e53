// `lab`: train the networks of Sources/Exercises and run the course's experiments.
//
// All the work is in LabKit; this file only says which code `--impl` can run: the
// student's stubs-turned-solutions in `Exercises` (the default) and, in the author's
// edition, the reference in `Solutions`.

import Exercises
import Foundation
import LabKit
#if canImport(Solutions)
import Solutions
#endif

/// The student's code.
extension StudentImplementation: Implementation {
    public static let name = "student"
}

var implementations: [any Implementation.Type] = [StudentImplementation.self]

#if canImport(Solutions)
/// The reference code.
extension ReferenceImplementation: Implementation {
    public static let name = "solutions"
}
implementations.append(ReferenceImplementation.self)
#endif

exit(LabCommandLine.main(Array(CommandLine.arguments.dropFirst()), implementations: implementations))
