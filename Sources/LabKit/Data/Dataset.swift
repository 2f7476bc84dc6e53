import Curriculum
import TensorKit

/// A classification data set split three ways: examples to learn from, examples to
/// choose hyper-parameters and the best epoch by, and examples to report at the end.
public struct Dataset: Sendable {
    /// A short name for reports (`digits`, `cifar10`, `spirals`).
    public var name: String
    public var training: LabeledExamples
    public var validation: LabeledExamples
    public var test: LabeledExamples
    /// `C`: labels are in `0..<classes`.
    public var classes: Int
    /// `(C, H, W)` when each input row is an image, its channels' rows one after another
    /// (what a ConvNet reads); `nil` for other data.
    public var imageShape: [Int]?

    /// `D`: the length of one input row.
    public var inputDimension: Int { training.x.shape[1] }

    /// A data set whose inputs are shifted by the mean of the training inputs, so that
    /// every feature averages zero over the training set (the course subtracts the
    /// mean image the same way). The same shift applies to all three splits: the
    /// validation and test sets must not influence preprocessing.
    public init(name: String, classes: Int, imageShape: [Int]? = nil, centring training: LabeledExamples,
                validation: LabeledExamples, test: LabeledExamples) {
        let mean = training.x.mean(axis: 0)
        func centred(_ examples: LabeledExamples) -> LabeledExamples {
            LabeledExamples(x: examples.x - mean, labels: examples.labels)
        }
        self.name = name
        self.classes = classes
        self.imageShape = imageShape
        self.training = centred(training)
        self.validation = centred(validation)
        self.test = centred(test)
    }

    /// The same data set with only the first `count` training examples (the split is
    /// already shuffled). Validation and test sets are unchanged.
    public func limitingTraining(to count: Int?) -> Dataset {
        guard let count else { return self }
        var copy = self
        copy.training = training.prefix(count)
        return copy
    }

    /// One line describing the sizes of the splits.
    public var summary: String {
        "\(name): \(training.count) training, \(validation.count) validation, \(test.count) test examples of dimension \(inputDimension), \(classes) classes"
    }
}
