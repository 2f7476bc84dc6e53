import Testing
import TensorKit
@testable import WorkerKit

@Suite("The worker's wire format")
struct WireCodecTests {
    @Test("requests survive a round trip bit for bit")
    func requestsRoundTrip() throws {
        let requests = [
            WorkerRequest("batchnorm.forward",
                          tensors: ["x": Tensor(shape: [2, 3], scalars: [0.1, -0.0, .infinity, 1e-300, .pi, -2]),
                                    "empty": Tensor.zeros([0, 4]), "scalar": Tensor(7)],
                          numbers: ["eps": 1e-5, "nan": .nan], strings: ["mode": "train", "ünïcode": "✓"]),
            WorkerRequest("relu.forward"),
        ]
        let decoded = try WireCodec.decodeRequests(WireCodec.encode(requests))
        #expect(decoded.count == 2)
        #expect(decoded[0].tensors == requests[0].tensors)
        #expect(decoded[0].strings == requests[0].strings)
        #expect(decoded[0].numbers["eps"] == 1e-5)
        #expect(decoded[0].numbers["nan"]?.isNaN == true)
        #expect(decoded[1] == requests[1])
    }

    @Test("replies with errors survive a round trip")
    func repliesRoundTrip() throws {
        let replies = [WorkerReply(tensors: ["out": Tensor([1.0, 2])], numbers: ["loss": 2.5]),
                       WorkerReply(error: "unknown call 'x.y'")]
        #expect(try WireCodec.decodeReplies(WireCodec.encode(replies)) == replies)
    }

    @Test("a request's probes and a reply's probe replies survive a round trip bit for bit")
    func probesRoundTrip() throws {
        let probes = WorkerProbes(input: "param.W1", points: [ProbePoint(index: 0, value: 1e-5 + 0.1),
                                                              ProbePoint(index: 7, value: -.nan)],
                                  outputs: ["loss", "out"])
        let request = WorkerRequest("fc-net.loss", tensors: ["param.W1": Tensor.ones([2, 4])], probes: probes)
        let decoded = try WireCodec.decodeRequests(WireCodec.encode([request, WorkerRequest("relu.forward")]))
        #expect(decoded[0].probes?.input == "param.W1" && decoded[0].probes?.outputs == ["loss", "out"])
        #expect(decoded[0].probes?.points.map(\.index) == [0, 7])
        #expect(decoded[0].probes?.points.map(\.value.bitPattern) == probes.points.map(\.value.bitPattern))
        #expect(decoded[1].probes == nil)
        let replies = [WorkerReply(probes: [WorkerReply(numbers: ["loss": 2.5]), WorkerReply(error: "no such element")]),
                       WorkerReply(tensors: ["out": Tensor([1.0])])]
        #expect(try WireCodec.decodeReplies(WireCodec.encode(replies)) == replies)
    }

    @Test("a probe's reply that holds replies of its own is refused: the worker does not choose how deep decoding goes")
    func nestedProbeRepliesAreRefused() {
        var writer = WireWriter()
        writer.put([WorkerReply(probes: [WorkerReply(probes: [WorkerReply()])])])
        #expect {
            try WireCodec.decodeReplies(writer.bytes)
        } throws: { error in
            "\(error)".contains("a probe's reply holds replies of its own")
        }
    }

    @Test("every truncation of a frame is an error, never a crash")
    func truncatedFramesAreErrors() {
        let bytes = WireCodec.encode([WorkerRequest("affine.forward", tensors: ["x": Tensor.ones([3, 2])],
                                                    numbers: ["a": 1], strings: ["b": "c"])])
        for length in 0..<bytes.count {
            #expect(throws: WireError.self) { try WireCodec.decodeRequests(Array(bytes.prefix(length))) }
        }
    }

    @Test("a count larger than the frame is refused before allocating")
    func hugeCountsAreRefused() {
        var bytes: [UInt8] = [1, 0, 0, 0]               // one request
        bytes += [0, 0, 0, 0]                           // call ""
        bytes += [1, 0, 0, 0, 0, 0, 0, 0]               // one tensor named ""
        bytes += [1, 0, 0, 0] + [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]  // rank 1, extent 2^63 − 1
        #expect(throws: WireError.self) { try WireCodec.decodeRequests(bytes) }
    }
}
