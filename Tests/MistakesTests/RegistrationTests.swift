import GraderKit
import TensorKit
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

/// The calls' descriptors are the one definition of their arguments and outputs: the
/// checks send only what a call declares, and the reference answers only with what it
/// declares.
@Suite("Typed calls")
struct WorkerCallTests {
    /// Every call the reference registers, by name.
    static let calls = Dictionary(uniqueKeysWithValues: ReferenceImplementation.exerciseHandlers.flatMap(\.handlers.keys).map { ($0.name, $0) })

    @Test("every request the checks make uses only the arguments its call declares, and gets only its declared outputs",
          arguments: Judge.catalog.map(\.name))
    func requestsAndRepliesAreDeclared(exercise: String) throws {
        for request in RepresentativeRequests.requests(for: exercise) {
            let call = try #require(Self.calls[request.call], "\(request.call) is not a registered call")
            #expect(call.exercise == exercise)
            #expect(call.undeclaredArguments(of: request).isEmpty, "\(call): \(call.undeclaredArguments(of: request))")
            let reply = RegistrationTests.reference.reply(to: request)
            #expect(call.undeclaredOutputs(of: reply).isEmpty, "\(call): \(call.undeclaredOutputs(of: reply))")
        }
    }

    @Test("an argument or output a call does not declare is named, prefixes included")
    func undeclaredNames() {
        let call = WorkerCall("net", "loss", tensors: ["x", "param.*"], numbers: ["reg"], outputs: ["loss", "grad.*"])
        let request = WorkerRequest("net.loss", tensors: ["x": .zeros([1]), "param.W1": .zeros([1]), "W2": .zeros([1])],
                                    numbers: ["reg": 0, "seed": 1], strings: ["mode": "train"])
        #expect(call.undeclaredArguments(of: request) == ["tensor W2", "number seed", "string mode"])
        #expect(call.undeclaredOutputs(of: WorkerReply(tensors: ["grad.W1": .zeros([1]), "dx": .zeros([1])], numbers: ["loss": 1]))
            == ["tensor dx"])
    }
}
