import Foundation
import Testing
import TensorKit
@testable import GraderKit

/// When a known mistake explains a submission's failures (`Judge.explained`): on hand-made
/// signatures of the `conv` exercise, whose checks `forward` and
/// `stops-when-stride-does-not-fit` stand for any two.
@Suite("A mistake is named only when it explains every failure")
struct NamingRuleTests {
    static let conv = Judge.catalogByName["conv"]!
    static let stop = "stops-when-stride-does-not-fit"
    static let output = ["out": Tensor([1, 2, 3])]

    /// A mistake seen in the stop check only, that also fails `alsoFailing`.
    static func noStop(alsoFailing: Set<String> = []) -> MistakeSignature {
        MistakeSignature(id: "conv-no-stop", exercise: "conv", title: "", hint: "",
                         observations: [stop: output], failing: alsoFailing.union([stop]))
    }

    @Test("a submission failing only the signature's checks, as the mistake does, is explained by it")
    func explainedWhenTheSameChecksFail() {
        let explained = Judge.explained(by: [Self.stop: Self.output], among: [Self.noStop()], exercise: Self.conv)
        #expect(explained.map(\.id) == ["conv-no-stop"])
    }

    @Test("a submission that also fails a check the mistake passes is not explained by it (a part is not the whole)")
    func notExplainedWhenAnotherCheckFails() {
        let evidence = [Self.stop: Self.output, "forward": ["out": Tensor([9, 9])]]
        #expect(Judge.explained(by: evidence, among: [Self.noStop()], exercise: Self.conv).isEmpty)
    }

    @Test("a check the mistake fails with what correct code records there does not stand against it")
    func nonDistinguishingFailureIsAllowed() {
        let evidence = [Self.stop: Self.output, "forward": ["out": Tensor([9, 9])]]
        let explained = Judge.explained(by: evidence, among: [Self.noStop(alsoFailing: ["forward"])], exercise: Self.conv)
        #expect(explained.map(\.id) == ["conv-no-stop"])
    }

    @Test("the failing checks are stored with the signature; a file without them counts the observed checks")
    func failingChecksRoundTrip() throws {
        let folder = ScratchFolders.url("naming")
        try MistakeStore.write(Self.noStop(alsoFailing: ["forward"]), to: folder)
        #expect(try MistakeStore.load(from: folder).first?.failing == ["forward", Self.stop])

        let manifest = folder.appendingPathComponent("conv-no-stop/mistake.json")
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        json["failing"] = nil
        try JSONSerialization.data(withJSONObject: json).write(to: manifest)
        #expect(try MistakeStore.load(from: folder).first?.failing == [Self.stop])
    }

    @Test("an element near 0 matches within a ten-millionth of the tensor's largest element (a numeric gradient's rounding); more does not")
    func roundingNearZeroMatches() {
        // Outside8's group norm without γ in dx: its numeric gradients were 4e-10 off
        // the recorded ones at elements of 1.4e-5, in a tensor whose largest is 0.55.
        let recorded = MistakeSignature(id: "m", exercise: "groupnorm", title: "", hint: "",
                                        observations: ["gradient": ["numeric gradient: dx": Tensor([0.55, 1.4298e-5, -0.2])]])
        let rounded = Tensor([0.55, 1.4298e-5 + 4e-10, -0.2])
        #expect(recorded.matches(check: "gradient", ["numeric gradient: dx": rounded], tolerance: 1e-6))
        let different = Tensor([0.55, 1.4298e-5 + 1e-6, -0.2])
        #expect(!recorded.matches(check: "gradient", ["numeric gradient: dx": different], tolerance: 1e-6),
                "a difference of 2e-6 of the largest element is a different value, not rounding")
    }
}
