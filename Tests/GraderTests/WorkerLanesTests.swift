import Foundation
import Testing
import TensorKit
import WorkerKit
@testable import GraderKit

/// A worker process answers a long frame of requests with several workers at once, one
/// share each, and the judge sees exactly what one worker answering in order would
/// have given it: the same replies, and the first request's failure.
@Suite("Worker lanes share long frames", .serialized)
struct WorkerLanesTests {
    /// FaultyWorker (see its main.swift): relu is correct, affine traps, batchnorm hangs.
    static func process(lanes: Int, timeout: Double = 5) throws -> WorkerProcess {
        var configuration = WorkerConfiguration(executable: try BuiltProducts.require("FaultyWorker"), timeout: timeout)
        configuration.lanes = lanes
        return WorkerProcess(configuration)
    }

    static func relu(_ k: Int) -> WorkerRequest {
        ReLUCalls.forward.request(tensors: ["x": Tensor([Double(k) - 20, 0.5, -1])])
    }

    static let trap = AffineCalls.forward.request(tensors: ["x": .ones([2, 3]), "w": .ones([3, 2]), "b": .ones([2])])

    static let hang = BatchNormCalls.forward.request(
        tensors: ["x": .ones([2, 3]), "gamma": .ones([3]), "beta": .zeros([3]), "runningMean": .zeros([3]),
                  "runningVariance": .ones([3])],
        numbers: ["eps": 1e-5, "momentum": 0.9], strings: ["mode": "train"])

    @Test("a frame of 40 requests is shared by two lanes, and the replies are one worker's, in order")
    func longFrameIsShared() throws {
        let requests = (0..<40).map(Self.relu)
        let shared = try Self.process(lanes: 2), alone = try Self.process(lanes: 1)
        defer { shared.stop(); alone.stop() }
        let replies = try shared.evaluate(requests)
        #expect(shared.lanes.allSatisfy { $0 != nil }, "both lanes' workers answered")
        #expect(replies == (try alone.evaluate(requests)))
        #expect(replies[3].tensors["out"] == Tensor([0.0, 0.5, 0]))
    }

    @Test("a frame shorter than two shares goes to the first lane alone, whose worker alone is started")
    func shortFrameStaysInTheFirstLane() throws {
        let process = try Self.process(lanes: 2)
        defer { process.stop() }
        _ = try process.evaluate((0..<(2 * WorkerProcess.minimumShare - 1)).map(Self.relu))
        #expect(process.lanes[0] != nil && process.lanes[1] == nil)
    }

    @Test("shares are consecutive, cover every request once, and weigh a request with probes by its probes")
    func sharesWeighProbes() throws {
        let process = try Self.process(lanes: 3)
        #expect(process.shares(of: (0..<48).map(Self.relu)) == [0..<16, 16..<32, 32..<48])
        #expect(process.shares(of: (0..<47).map(Self.relu)) == [0..<23, 23..<47], "47 requests make two shares of 16 or more, not three")
        #expect(process.shares(of: (0..<20).map(Self.relu)) == [0..<20], "20 requests are too few for two shares of 16")
        #expect(process.shares(of: []) == [0..<0])
        var probed = Self.relu(0)
        probed.probes = WorkerProbes(input: "x", points: Array(repeating: ProbePoint(index: 0, value: 1), count: 30), outputs: ["out"])
        // 30 + 2 + 30 + 2 evaluations: about 21 each.
        #expect(process.shares(of: [probed, Self.relu(1), Self.relu(2), probed, Self.relu(3), Self.relu(4)])
                == [0..<1, 1..<4, 4..<6])
    }

    @Test("a crash in the second lane's share is the frame's failure, and every lane answers the next frame")
    func crashInTheSecondShare() throws {
        let process = try Self.process(lanes: 2)
        defer { process.stop() }
        var requests = (0..<40).map(Self.relu)
        requests[35] = Self.trap
        #expect {
            _ = try process.evaluate(requests)
        } throws: { error in
            guard case .crashed(let reason, _) = error as? WorkerFailure else { return false }
            return reason.contains("Index out of range")
        }
        let replies = try process.evaluate((0..<40).map(Self.relu))
        #expect(replies.count == 40 && replies.allSatisfy { $0.tensors["out"] != nil })
    }

    @Test("when both shares fail, the first share's failure is reported, as one worker would have met it first")
    func earliestFailureIsReported() throws {
        let process = try Self.process(lanes: 2, timeout: 1)
        defer { process.stop() }
        var requests = (0..<40).map(Self.relu)
        requests[5] = Self.hang
        requests[35] = Self.trap
        #expect {
            _ = try process.evaluate(requests)
        } throws: { error in
            guard case .timedOut = error as? WorkerFailure else { return false }
            return true
        }
    }

    @Test("probes are the request evaluated with one element changed, each reply keeping only the outputs asked for")
    func probesAreChangedRequests() throws {
        let process = try Self.process(lanes: 1)
        defer { process.stop() }
        let x = Tensor([-1.0, 2, -3])
        var request = ReLUCalls.forward.request(tensors: ["x": x])
        request.probes = WorkerProbes(input: "x", points: [ProbePoint(index: 0, value: 4), ProbePoint(index: 2, value: 5),
                                                           ProbePoint(index: 3, value: 1)],
                                      outputs: ["out", "no such output"])
        let reply = try process.evaluate(request)
        #expect(reply.probes.count == 3)
        #expect(reply.probes[0] == WorkerReply(tensors: ["out": Tensor([4.0, 2, 0])]))
        #expect(reply.probes[1] == WorkerReply(tensors: ["out": Tensor([0.0, 2, 5])]))
        #expect(reply.probes[2].error?.contains("element 3 of 'x', which has 3") == true, "\(reply.probes[2])")
        request.probes?.input = "y"
        #expect(try process.evaluate(request).error?.contains("probes of a missing tensor 'y'") == true)
    }
}

extension WorkerLanesTests {
    @Test("the lanes share the memory limit, each worker down to 256 MiB, and the launcher is given the share")
    func lanesShareTheMemoryLimit() throws {
        var configuration = WorkerConfiguration(executable: try BuiltProducts.require("FaultyWorker"), memoryLimitMB: 4096)
        configuration.lanes = 2
        #expect(configuration.workerMemoryLimitMB == 2048)
        let launcher = try #require(configuration.launcherExecutable())
        #expect(configuration.policy(workingDirectory: "/tmp", launcher: launcher).memoryLimitMB == 2048)
        configuration.lanes = 4
        configuration.memoryLimitMB = 512
        #expect(configuration.workerMemoryLimitMB == 256)
        configuration.memoryLimitMB = 600
        #expect(configuration.workerMemoryLimitMB == 256, "never below 256 MiB")
    }
}
