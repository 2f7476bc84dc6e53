import Curriculum
import Foundation
import Solutions
import Testing
import TensorKit

@Suite("TwoLayerNet (reference)")
struct TwoLayerNetTests {
    @Test("initial parameters: shapes, zero biases, weights of the given scale, by seed")
    func initialization() {
        let net = TwoLayerNet(inputDimension: 30, hiddenDimension: 40, classes: 5,
                              weightScale: 0.1, reg: 0, seed: 7)
        #expect(net.params.keys.sorted() == ["W1", "W2", "b1", "b2"])
        #expect(net.parameter(named: "W1").shape == [30, 40])
        #expect(net.parameter(named: "W2").shape == [40, 5])
        #expect(net.parameter(named: "b1") == .zeros(40))
        #expect(net.parameter(named: "b2") == .zeros(5))
        // 1,200 normal samples: their standard deviation is within a few percent of 0.1.
        let spread = net.parameter(named: "W1").standardDeviation().scalar
        #expect(Swift.abs(spread - 0.1) < 0.01)

        let again = TwoLayerNet(inputDimension: 30, hiddenDimension: 40, classes: 5,
                                weightScale: 0.1, reg: 0, seed: 7)
        let other = TwoLayerNet(inputDimension: 30, hiddenDimension: 40, classes: 5,
                                weightScale: 0.1, reg: 0, seed: 8)
        #expect(again.params == net.params)
        #expect(other.params != net.params)
    }

    @Test("scores, loss and gradients match the NumPy reference", arguments: ["reg-0", "reg-0.1"])
    func matchesNumPy(_ name: String) throws {
        let f = try Fixture("two-layer-net/\(name)")
        let (x, labels) = (try f.tensor("x"), try f.labels())
        var net = try network(from: f)
        expectClose(net.scores(x), try f.tensor("scores"), below: 1e-12, "scores")
        let (loss, grads) = net.loss(x, labels: labels)
        expectClose(Tensor(loss), try f.tensor("loss"), below: 1e-12, "loss")
        for name in ["W1", "b1", "W2", "b2"] {
            expectClose(try #require(grads[name]), try f.tensor("d" + name), below: 1e-10, "d" + name)
        }
    }

    @Test("every gradient matches the numeric gradient of the loss", arguments: [0.0, 0.7])
    func numericGradients(reg: Double) throws {
        // The fixture's inputs keep every hidden unit at least 1e-3 from ReLU's kink.
        let f = try Fixture("two-layer-net/reg-0")
        var net = try network(from: f)
        net.reg = reg
        expectNumericGradients(of: net, x: try f.tensor("x"), labels: try f.labels(), below: 1e-7)
    }

    @Test("with small weights the initial loss is about log C")
    func initialLoss() {
        let data = randomClassificationData(count: 50, dimension: 20, classes: 10, seed: 1)
        var net = TwoLayerNet(inputDimension: 20, hiddenDimension: 30, classes: 10,
                              weightScale: 1e-3, reg: 0, seed: 2)
        let loss = net.loss(data.x, labels: data.labels).loss
        #expect(Swift.abs(loss - Foundation.log(10)) < 1e-3)
    }

    @Test("a few hundred SGD steps fit 50 examples exactly")
    func overfitsSmallData() {
        let data = randomClassificationData(count: 50, dimension: 20, classes: 10, seed: 3)
        var net = TwoLayerNet(inputDimension: 20, hiddenDimension: 100, classes: 10,
                              weightScale: 0.1, reg: 0, seed: 4)
        let losses = trainWithSGD(&net, x: data.x, labels: data.labels, steps: 300, learningRate: 0.5)
        #expect(accuracy(of: net, x: data.x, labels: data.labels) == 1,
                "loss went from \(losses.first!) to \(losses.last!)")
    }

    /// The network with the fixture's parameters and reg.
    private func network(from f: Fixture) throws -> TwoLayerNet {
        let w1 = try f.tensor("W1"), w2 = try f.tensor("W2")
        var net = TwoLayerNet(inputDimension: w1.shape[0], hiddenDimension: w1.shape[1],
                              classes: w2.shape[1], weightScale: 1, reg: try f.parameter("reg"),
                              seed: 0)
        for name in ["W1", "b1", "W2", "b2"] { net.params[name] = try f.tensor(name) }
        return net
    }
}
