// A worker that tries to score without doing the work, for the grader's tests:
//   ForgingWorker --zeros
//       answers every call with zeros, in the shapes the reference's outputs have.
//   ForgingWorker --probe-forging
//       a correct forward pass and loss, no backward (gradients of zeros), and a forward
//       that recognises the judge's numeric-gradient probes — inputs one element away
//       from the last ones it saw — and answers them with the unperturbed output, so
//       that the numeric gradients of its forward are the zeros of its backward.
import Foundation
import Solutions
import TensorKit
import WorkerKit

/// Zeros in place of every value of a reply, shapes kept.
func zeroed(_ reply: WorkerReply) -> WorkerReply {
    var reply = reply
    reply.tensors = reply.tensors.mapValues { Tensor.zeros(like: $0) }
    reply.numbers = reply.numbers.mapValues { _ in 0 }
    return reply
}

/// A reply with its gradients (`dx`, `dw`, `dgamma`, `grad.W1`, …) zeroed.
func withoutGradients(_ reply: WorkerReply) -> WorkerReply {
    var reply = reply
    for name in reply.tensors.keys where name.hasPrefix("grad.") || (name.hasPrefix("d") && name.count > 1 && name.dropFirst().first!.isLowercase) {
        reply.tensors[name] = Tensor.zeros(like: reply.tensors[name]!)
    }
    return reply
}

/// The last inputs each exercise saw that were not a probe, and its answer to them.
final class Memory: @unchecked Sendable {
    private let lock = NSLock()
    private var bases: [String: (tensors: [String: Tensor], reply: WorkerReply)] = [:]

    /// Whether `tensors` are `base` with one element moved by a numeric-gradient step.
    static func isProbe(_ tensors: [String: Tensor], of base: [String: Tensor]) -> Bool {
        var moved = 0
        for (name, t) in tensors where name != "dout" {
            guard let b = base[name], b.shape == t.shape else { return false }
            for (x, y) in zip(t.scalars, b.scalars) where x != y {
                moved += 1
                if Swift.abs(x - y) > 1e-4 || moved > 1 { return false }
            }
        }
        return moved == 1
    }

    func answer(_ request: WorkerRequest, exercise: String, reference: Handler) throws -> WorkerReply {
        lock.lock()
        defer { lock.unlock() }
        if let base = bases[exercise], Memory.isProbe(request.tensors, of: base.tensors) {
            return base.reply
        }
        let reply = withoutGradients(try reference(request))
        bases[exercise] = (request.tensors, reply)
        return reply
    }
}

let memory = Memory()
// The judge adds its own options (limits) to the worker's arguments.
let mode = CommandLine.arguments.first { $0 == "--zeros" || $0 == "--probe-forging" } ?? ""
guard !mode.isEmpty else {
    FileHandle.standardError.write(Data("usage: ForgingWorker --zeros | --probe-forging\n".utf8))
    exit(2)
}
/// The reference's handlers of one exercise, each answering as `mode` says.
func forging(_ exercise: ExerciseHandlers) -> ExerciseHandlers {
    var handlers: [WorkerCall: Handler] = [:]
    for (call, handler) in exercise.handlers {
        if mode == "--zeros" {
            handlers[call] = { request in zeroed(try handler(request)) }
        } else {
            handlers[call] = { request in try memory.answer(request, exercise: exercise.exercise, reference: handler) }
        }
    }
    return ExerciseHandlers(handlers)
}

WorkerMain.run(DispatchTable(ReferenceImplementation.exerciseHandlers.map(forging)))
