import Curriculum
import Solutions
import Testing
import TensorKit

// Helpers for testing whole networks: their gradients, some data to fit, a training
// loop and its score.

/// Expects the gradient that `model.loss(x, labels:)` returns for every parameter to
/// match the numeric gradient of the loss itself (centered differences, `h = 1e-5`, as
/// the course's `eval_numerical_gradient`), and `grads` to have exactly the keys of
/// `params`.
/// - Parameters:
///   - model: the network, with the parameters at which to differentiate.
///   - x, labels: the batch.
///   - threshold: the largest acceptable relative error for every parameter…
///   - vanishing: …except these, whose true gradient is zero (a bias followed by batch
///     norm, which subtracts it again with the mean). A relative error against zero
///     only measures the numeric gradient's rounding noise, so for these both
///     gradients are expected to be below `1e-8` in absolute value instead.
func expectNumericGradients<Model: Classifier>(
    of model: Model, x: Tensor, labels: [Int], below threshold: Double,
    vanishing: Set<String> = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var trained = model
    let (_, grads) = trained.loss(x, labels: labels)
    #expect(grads.keys.sorted() == model.params.keys.sorted(),
            "grads must have one entry per parameter", sourceLocation: sourceLocation)
    for (name, value) in model.params.sorted(by: { $0.key < $1.key }) {
        guard let analytic = grads[name] else { continue }
        let numeric = numericGradient(ofScalar: { probe in
            var perturbed = model
            perturbed.params[name] = probe
            return perturbed.loss(x, labels: labels).loss
        }, at: value)
        if vanishing.contains(name) {
            let largest = Swift.max(abs(analytic).max().scalar, abs(numeric).max().scalar)
            #expect(largest < 1e-8, "d\(name) should vanish; analytic or numeric reaches \(largest)",
                    sourceLocation: sourceLocation)
        } else {
            expectClose(analytic, numeric, below: threshold,
                        "d\(name) against its numeric gradient", sourceLocation: sourceLocation)
        }
    }
}

/// A reproducible classification problem: `count` inputs of `dimension` standard
/// normal features, each with a class drawn uniformly from `0..<classes`. The labels
/// have nothing to do with the inputs, so a network can only fit them by memorizing.
func randomClassificationData(count: Int, dimension: Int, classes: Int, seed: UInt64)
    -> (x: Tensor, labels: [Int])
{
    var generator = SeededGenerator(seed: seed)
    let x = Tensor.randomNormal([count, dimension], using: &generator)
    let labels = (0..<count).map { _ in generator.nextInt(below: classes) }
    return (x, labels)
}

/// Full-batch gradient descent with the reference SGD: `steps` updates of every
/// parameter. Returns the loss before each step.
@discardableResult
func trainWithSGD<Model: Classifier>(
    _ model: inout Model, x: Tensor, labels: [Int], steps: Int, learningRate: Double
) -> [Double] {
    let rules = Optimizers()
    var state = SGDState(learningRate: learningRate)
    var losses: [Double] = []
    for _ in 0..<steps {
        let (loss, grads) = model.loss(x, labels: labels)
        losses.append(loss)
        for (name, gradient) in grads {
            model.params[name] = rules.sgd(model.parameter(named: name), gradient, state: &state)
        }
    }
    return losses
}

/// The fraction of `labels` that the model's test-mode scores predict.
func accuracy<Model: Classifier>(of model: Model, x: Tensor, labels: [Int]) -> Double {
    let predictions = model.scores(x).argmax(axis: 1).scalars.map { Int($0) }
    let correct = zip(predictions, labels).filter { $0 == $1 }.count
    return Double(correct) / Double(labels.count)
}
