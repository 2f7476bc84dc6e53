import Curriculum
import Foundation
import Solutions
import Testing
import TensorKit

@Suite("FullyConnectedNet (reference)")
struct FullyConnectedNetTests {
    /// The threshold for whole-network numeric gradient checks, looser than docs/design.md's
    /// 1e-7, and why: at h = 1e-5 the numeric gradient of a loss of a few units carries
    /// 1e-11 to 3e-10 of rounding noise (measured: it shrinks with a larger h, so it is
    /// not a kink), and a network of ~1,300 parameters always has some gradient entries
    /// near zero by cancellation, where that noise is a relative error of 1e-6 to 1e-5.
    /// Correct networks measured 1e-7 to 4e-6 here; a wrong gradient is off by 1e-3 or
    /// more.
    private let gradientThreshold = 1e-5

    /// The course's gradient-check network: D = 15, hidden layers of 20 and 30, C = 10.
    /// Kaiming initialization keeps every layer's gradients of order 0.1, far above the
    /// noise, and each numeric step (1e-5) small next to the weights (~0.3), so that it
    /// does not carry a ReLU input across its kink.
    private func configuration(
        normalization: Normalization? = nil, keepProbability: Double = 1, reg: Double = 0
    ) -> NetworkConfiguration {
        NetworkConfiguration(
            inputDimension: 15, hiddenDimensions: [20, 30], classes: 10,
            normalization: normalization, keepProbability: keepProbability,
            dropoutSeed: keepProbability < 1 ? 123 : nil, reg: reg,
            initialization: .kaiming, seed: 231)
    }

    /// A small batch for gradient checks. Six rows rather than the course's two: with
    /// two, batch norm maps every input to nearly ±1 and its gradients shrink to the
    /// size of the numeric gradient's noise.
    private let batch = randomClassificationData(count: 6, dimension: 15, classes: 10, seed: 42)

    // MARK: Construction

    @Test("parameters: W and b for every layer, gamma and beta for hidden layers only")
    func parameterShapes() {
        let plain = FullyConnectedNet(configuration())
        #expect(plain.params.keys.sorted() == ["W1", "W2", "W3", "b1", "b2", "b3"])
        #expect(plain.parameter(named: "W1").shape == [15, 20])
        #expect(plain.parameter(named: "W2").shape == [20, 30])
        #expect(plain.parameter(named: "W3").shape == [30, 10])
        #expect(plain.parameter(named: "b2") == .zeros(30))
        #expect(plain.batchNormStates.isEmpty)

        for normalization in Normalization.allCases {
            let net = FullyConnectedNet(configuration(normalization: normalization))
            #expect(net.params.keys.sorted() == ["W1", "W2", "W3", "b1", "b2", "b3",
                                                 "beta1", "beta2", "gamma1", "gamma2"])
            #expect(net.parameter(named: "gamma2") == .ones(30))
            #expect(net.parameter(named: "beta1") == .zeros(20))
            #expect(net.batchNormStates.count == (normalization == .batch ? 2 : 0))
        }
    }

    @Test("Kaiming initialization draws each layer with standard deviation √(2 / fanIn)")
    func kaimingScale() {
        var wide = configuration()
        wide.hiddenDimensions = [400]
        wide.initialization = .kaiming
        let net = FullyConnectedNet(wide)
        let spread = net.parameter(named: "W2").standardDeviation().scalar
        #expect(Swift.abs(spread / (2.0 / 400).squareRoot() - 1) < 0.05)
    }

    @Test("a net without hidden layers is a softmax classifier with W1 and b1")
    func linearClassifier() {
        var linear = configuration(reg: 0.7)
        linear.hiddenDimensions = []
        let net = FullyConnectedNet(linear)
        #expect(net.params.keys.sorted() == ["W1", "b1"])
        expectNumericGradients(of: net, x: batch.x, labels: batch.labels, below: gradientThreshold)
    }

    // MARK: Losses and gradients

    @Test("with small weights the initial loss is about log C",
          arguments: [nil, Normalization.batch, .layer])
    func initialLoss(normalization: Normalization?) {
        let data = randomClassificationData(count: 50, dimension: 15, classes: 10, seed: 5)
        var small = configuration(normalization: normalization)
        small.initialization = .scale(1e-3)
        var net = FullyConnectedNet(small)
        let loss = net.loss(data.x, labels: data.labels).loss
        #expect(Swift.abs(loss - Foundation.log(10)) < 1e-3)
    }

    @Test("every gradient matches the numeric gradient, without normalization",
          arguments: [0.0, 0.7])
    func numericGradientsPlain(reg: Double) {
        let net = FullyConnectedNet(configuration(reg: reg))
        expectNumericGradients(of: net, x: batch.x, labels: batch.labels, below: gradientThreshold)
    }

    @Test("every gradient matches the numeric gradient, with batch norm",
          arguments: [0.0, 0.7])
    func numericGradientsBatchNorm(reg: Double) {
        let net = FullyConnectedNet(configuration(normalization: .batch, reg: reg))
        expectNumericGradients(of: net, x: batch.x, labels: batch.labels, below: gradientThreshold,
                               vanishing: ["b1", "b2"])
    }

    @Test("every gradient matches the numeric gradient, with layer norm",
          arguments: [0.0, 0.7])
    func numericGradientsLayerNorm(reg: Double) {
        let net = FullyConnectedNet(configuration(normalization: .layer, reg: reg))
        expectNumericGradients(of: net, x: batch.x, labels: batch.labels, below: gradientThreshold)
    }

    @Test("every gradient matches the numeric gradient, with seeded dropout",
          arguments: [nil, Normalization.batch])
    func numericGradientsDropout(normalization: Normalization?) {
        let net = FullyConnectedNet(configuration(normalization: normalization,
                                                  keepProbability: 0.5, reg: 0.7))
        expectNumericGradients(of: net, x: batch.x, labels: batch.labels, below: gradientThreshold,
                               vanishing: normalization == .batch ? ["b1", "b2"] : [])
    }

    // MARK: Modes

    @Test("in test mode dropout passes everything through")
    func dropoutAtTestTime() {
        let withDropout = FullyConnectedNet(configuration(keepProbability: 0.5))
        let without = FullyConnectedNet(configuration())
        #expect(withDropout.params == without.params)
        #expect(withDropout.scores(batch.x) == without.scores(batch.x))
    }

    @Test("training updates the running statistics; test mode normalizes with them")
    func batchNormRunningStatistics() {
        var net = FullyConnectedNet(configuration(normalization: .batch))
        _ = net.loss(batch.x, labels: batch.labels)
        let states = net.batchNormStates
        #expect(states.allSatisfy { $0.runningMean != nil && $0.runningVariance != nil })
        #expect(states.map { $0.runningMean?.shape } == [[20], [30]])

        // Steps on one batch pull the running statistics to that batch's own (0.9^400
        // of the start is left), so test mode then normalizes as training mode does.
        for _ in 0..<400 { _ = net.loss(batch.x, labels: batch.labels) }
        var trainMode = net
        let trainLoss = trainMode.loss(batch.x, labels: batch.labels).loss
        let testLoss = softmaxLoss(net.scores(batch.x), labels: batch.labels).loss
        #expect(Swift.abs(trainLoss - testLoss) < 1e-9)
    }

    // MARK: Training

    @Test("a few hundred SGD steps fit 50 examples exactly",
          arguments: [nil, Normalization.batch, .layer])
    func overfitsSmallData(normalization: Normalization?) {
        let data = randomClassificationData(count: 50, dimension: 20, classes: 10, seed: 6)
        var net = FullyConnectedNet(NetworkConfiguration(
            inputDimension: 20, hiddenDimensions: [100, 100], classes: 10,
            normalization: normalization, initialization: .kaiming, seed: 7))
        let losses = trainWithSGD(&net, x: data.x, labels: data.labels, steps: 300, learningRate: 0.1)
        #expect(accuracy(of: net, x: data.x, labels: data.labels) == 1,
                "loss went from \(losses.first!) to \(losses.last!)")
    }
}
