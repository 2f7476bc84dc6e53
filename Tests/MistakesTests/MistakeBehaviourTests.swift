import Curriculum
import Foundation
import Mistakes
import Solutions
import TensorKit
import Testing
import WorkerKit

/// Every catalogued mistake is a working implementation of its exercise — it answers
/// every call the judge makes — and it is visibly not the reference.
@Suite("Each mistake runs and differs from the reference")
struct MistakeBehaviourTests {
    static let reference = DispatchTable(serving: ReferenceImplementation.self)

    @Test("answers the judge's calls without an error and differs from the reference on some of them",
          arguments: MistakeCatalog.all.map(\.id))
    func runsAndDiffers(id: String) async throws {
        let mistake = try #require(MistakeCatalog.mistake(id: id))
        let worker = DispatchTable([mistake.handlers])
        let requests = RepresentativeRequests.requests(for: mistake.exercise)
        #expect(!requests.isEmpty, "no requests for exercise \(mistake.exercise)")
        var differences: [String] = []
        for request in requests {
            let expected = Self.reference.reply(to: request)
            #expect(expected.error == nil, "the reference fails \(request.call): \(expected.error ?? "")")
            let reply = worker.reply(to: request)
            #expect(reply.error == nil, "\(request.call): \(reply.error ?? "")")
            differences += ReplyDifference.between(reply, expected).map { "\(request.call): \($0)" }
        }
        if differences.isEmpty, RepresentativeRequests.stoppingRequest(for: mistake.exercise) != nil {
            // A mistake may differ only where the reference stops (a layer that does not
            // check its sizes): it must answer that request, in a process of its own,
            // since the reference's stop would end this one.
            let exercise = mistake.exercise
            await #expect(processExitsWith: .failure) { [exercise = exercise as String] in
                _ = Self.reference.reply(to: RepresentativeRequests.stoppingRequest(for: exercise)!)
            }
            await #expect(processExitsWith: .success, "\(id) stops where the reference stops, and answers every other request as it does") {
                [id, exercise = exercise as String] in
                let worker = DispatchTable([MistakeCatalog.mistake(id: id)!.handlers])
                if worker.reply(to: RepresentativeRequests.stoppingRequest(for: exercise)!).error != nil { exit(1) }
            }
        } else {
            #expect(!differences.isEmpty, "\(id) answers every request as the reference does")
        }
    }

    @Test("a mistake's worker answers the other exercises' calls as the reference")
    func otherExercisesAreTheReference() throws {
        let mistake = try #require(MistakeCatalog.mistake(id: "batchnorm-unbiased-variance"))
        let worker = DispatchTable(serving: ReferenceImplementation.self, replacing: mistake.handlers)
        for request in RepresentativeRequests.requests(for: "layernorm") + RepresentativeRequests.requests(for: "affine") {
            #expect(ReplyDifference.between(worker.reply(to: request), Self.reference.reply(to: request)).isEmpty)
        }
        let batchNorm = RepresentativeRequests.requests(for: "batchnorm")[0]
        #expect(!ReplyDifference.between(worker.reply(to: batchNorm), Self.reference.reply(to: batchNorm)).isEmpty)
    }
}

/// How two replies to one request differ, output by output.
enum ReplyDifference {
    /// The relative error above which two outputs count as different: the tolerance
    /// within which the grader matches a student's outputs to a mistake's.
    static let tolerance = 1e-6

    /// One line per output that is missing from either reply, has another shape, or
    /// differs by more than ``tolerance`` somewhere (a NaN against a number counts).
    static func between(_ a: WorkerReply, _ b: WorkerReply) -> [String] {
        let aOutputs = a.tensors.merging(a.numbers.mapValues { Tensor($0) }) { x, _ in x }
        let bOutputs = b.tensors.merging(b.numbers.mapValues { Tensor($0) }) { x, _ in x }
        var lines: [String] = []
        for name in Set(aOutputs.keys).union(bOutputs.keys).sorted() {
            guard let x = aOutputs[name], let y = bOutputs[name] else {
                lines.append("\(name) is in only one reply")
                continue
            }
            if x.shape != y.shape {
                lines.append("\(name) has shapes \(x.shape) and \(y.shape)")
                continue
            }
            // The course's relative error, elementwise; NaN against NaN is no difference.
            let errors = relativeErrors(x, y).scalars
            let differing = zip(zip(x.scalars, y.scalars), errors).filter { pair, error in
                pair.0.isNaN || pair.1.isNaN ? pair.0.isNaN != pair.1.isNaN : pair.0 != pair.1 && error > tolerance
            }
            if !differing.isEmpty { lines.append("\(name) differs in \(differing.count) of \(x.count) values") }
        }
        return lines
    }
}
