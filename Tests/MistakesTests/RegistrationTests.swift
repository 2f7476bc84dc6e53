import GraderKit
import Solutions
import Testing
import WorkerKit

/// The registration and the checks agree: the reference's conformance answers every
/// call the checks make, and registers exactly the exercises `Judge.catalog` checks.
@Suite("One registration per exercise")
struct RegistrationTests {
    static let reference = DispatchTable(serving: ReferenceImplementation.self)

    @Test("the reference registers exactly the exercises the judge checks, in the same order")
    func sameExercises() {
        #expect(ReferenceImplementation.exerciseHandlers.map(\.exercise) == Judge.catalog.map(\.name))
    }

    @Test("every call the checks make is answered by the reference's registration",
          arguments: Judge.catalog.map(\.name))
    func answersEveryCall(exercise: String) {
        for request in RepresentativeRequests.requests(for: exercise) {
            let reply = Self.reference.reply(to: request)
            #expect(reply.error == nil, "\(request.call): \(reply.error ?? "")")
        }
    }
}
