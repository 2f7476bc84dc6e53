import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in the convolutional network: each is the reference with one layer swapped
// for a mistaken one, or with its initialization or loss changed.

extension MistakeCatalog {
    /// Mistakes of the `convnet` exercise.
    public static let convNet: [Mistake] = [
        Mistake("convnet-kaiming-fan-in-channels", title: "Kaiming's fan-in of a conv layer taken as C instead of C·K·K",
                hint: "Your initial filters are K times too spread out. Kaiming scales by the number of inputs each output sums over: for one output pixel of a conv layer, how many input values is that?",
                handlers: .convNet(ChannelsFanInConvNet.self)),
        Mistake("convnet-reg-on-biases", title: "biases regularized along with the weights",
                hint: "Your loss and your bias gradients change with reg. Which parameters does L2 regularization penalize in this course?",
                handlers: .convNet(RegularizedBiasesConvNet.self)),
        Mistake("convnet-filters-not-regularized", title: "conv filters left out of the regularization",
                hint: "Your loss with reg is smaller than it should be, and your filters' gradients do not change with reg. Which weight tensors does 0.5 · reg · Σ W² sum over?",
                handlers: .convNet(UnregularizedFiltersConvNet.self)),
        Mistake("convnet-flatten-channels-last", title: "feature maps flattened as (N, H, W, F) before the affine layer",
                hint: "Your scores differ wherever the last feature maps are larger than 1×1. The affine layer's weights read one image's maps as one row: in which order must the channel, row and column indices run for each weight to meet the value it was made for?",
                handlers: .convNet(ConvNetwork<ChannelsLastAffine, SpatialBatchNorm, ReLU>.self)),
        Mistake("convnet-batchnorm-test-mode-in-training", title: "spatial batch norm run in test mode by the training loss",
                hint: "With batch norm, your loss and running statistics are not those of a training step. Which statistics should the batch norm use while the network trains, and which mode does your loss hand it?",
                handlers: .convNet(ConvNetwork<Affine, TestModeSpatialBatchNorm, ReLU>.self)),
        Mistake("convnet-batchnorm-train-mode-in-scores", title: "spatial batch norm run in train mode by the test-time scores",
                hint: "With batch norm, your training step is right but your test-mode scores are not. At test time batch norm normalizes with the running statistics, not with the batch's own: which mode does your scores hand it?",
                handlers: .convNet(ConvNetwork<Affine, TrainModeSpatialBatchNorm, ReLU>.self)),
        Mistake("convnet-batchnorm-states-discarded", title: "spatial batch-norm running statistics not kept after a training step",
                hint: "After a training step your network's running statistics are as they were before it. The batch-norm layers update the states they are handed: where do the updated states go when loss returns?",
                handlers: .convNet(ForgetfulBatchNormConvNet.self)),
        Mistake("convnet-batchnorm-states-reset-every-step", title: "spatial batch-norm running statistics started afresh by every training step",
                hint: "On a net that has trained before, your training step returns the running statistics of a very first step: the running averages it was given are gone. Whose states should the batch-norm layers update, the ones the net already holds or new ones?",
                handlers: .convNet(ResettingBatchNormConvNet.self)),
        Mistake("convnet-hidden-affine-without-relu", title: "hidden affine layers without their ReLU",
                hint: "Your scores differ only when the network has hidden affine layers. Two affine layers in a row are one affine map: what must come between them for the hidden layer to add anything?",
                handlers: .convNet(ConvNetwork<Affine, SpatialBatchNorm, PassThroughReLU>.self)),
    ]
}

/// A ConvNet that is the reference except for its loss and gradients, or its initial
/// parameters.
protocol ConvNetLossMistake: LossMistake, ConvNetClassifier where Reference == ConvNet {
    init(reference: ConvNet)
}

extension ConvNetLossMistake {
    init(_ configuration: ConvNetConfiguration) {
        self.init(reference: ConvNet(configuration))
    }
    var configuration: ConvNetConfiguration { reference.configuration }
    var batchNormStates: [BatchNormState] {
        get { reference.batchNormStates }
        set { reference.batchNormStates = newValue }
    }
}

/// The reference's filters drawn with the standard deviation of a fan-in of `C` (the
/// same random numbers, rescaled), for Xavier and Kaiming.
struct ChannelsFanInConvNet: ConvNetLossMistake {
    var reference: ConvNet

    init(reference: ConvNet) {
        self.reference = reference
        let initialization = reference.configuration.initialization
        if case .scale = initialization { return }
        for (key, filters) in reference.params where key.hasPrefix("W") && filters.rank == 4 {
            let channels = filters.shape[1], fanIn = filters.shape.dropFirst().reduce(1, *)
            self.reference.params[key] = filters * (initialization.standardDeviation(fanIn: channels)
                                                    / initialization.standardDeviation(fanIn: fanIn))
        }
    }

    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        (loss, grads)
    }
}

/// `0.5 · reg · Σ b²` in the loss and `reg · b` in the biases' gradients.
struct RegularizedBiasesConvNet: ConvNetLossMistake {
    var reference: ConvNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        adding(l2Penalty(params, on: "b", reg: configuration.reg), to: (loss, grads))
    }
}

/// The penalty and its gradient over the affine weights only: the filters' share of
/// both is taken out again.
struct UnregularizedFiltersConvNet: ConvNetLossMistake {
    var reference: ConvNet
    func mistaken(_ loss: Double, _ grads: [String: Tensor], batchSize: Int) -> (loss: Double, grads: [String: Tensor]) {
        let filters = params.filter { $0.value.rank == 4 }
        return adding(l2Penalty(filters, on: "W", reg: configuration.reg), times: -1, to: (loss, grads))
    }
}

/// `loss` trains with copies of the batch-norm states and drops the updated copies, so
/// the running statistics never move.
struct ForgetfulBatchNormConvNet: ConvNetLossMistake, ForgetfulLossMistake {
    var reference: ConvNet
}

/// `loss` hands the batch-norm layers new states instead of the net's own, so each
/// step's running averages start from zeros.
struct ResettingBatchNormConvNet: ConvNetLossMistake, ResettingLossMistake {
    var reference: ConvNet
}

/// An affine layer that reads images `(N, F, H, W)` with the channels moved last,
/// `(N, H, W, F)`, and moves its `dx` back: every value meets another weight.
struct ChannelsLastAffine: AffineLayer {
    struct Cache {
        var affine: Affine.Cache
        /// Whether the input was images, moved to channels last.
        var moved: Bool
    }

    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Cache) {
        let moved = x.rank == 4
        let (out, cache) = Affine().forward(moved ? x.transposed(0, 2, 3, 1) : x, w, b)
        return (out, Cache(affine: cache, moved: moved))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let (dx, dw, db) = Affine().backward(dout, cache: cache.affine)
        return (cache.moved ? dx.transposed(0, 3, 1, 2) : dx, dw, db)
    }
}

/// The reference spatial batch norm, always run in `mode` whatever mode it is handed.
protocol FixedModeSpatialBatchNorm: SpatialBatchNormLayer {
    static var mode: Mode { get }
}

extension FixedModeSpatialBatchNorm {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: SpatialBatchNorm.Cache) {
        SpatialBatchNorm().forward(x, gamma: gamma, beta: beta, mode: Self.mode, state: &state)
    }
    func backward(_ dout: Tensor, cache: SpatialBatchNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        SpatialBatchNorm().backward(dout, cache: cache)
    }
}

/// Always `.test`: the training loss normalizes with the running statistics (zeros
/// before the first step) and never updates them.
struct TestModeSpatialBatchNorm: FixedModeSpatialBatchNorm {
    static let mode = Mode.test
}

/// Always `.train`: the test-time scores normalize with the batch's own statistics
/// (and update a copy of the state nobody keeps).
struct TrainModeSpatialBatchNorm: FixedModeSpatialBatchNorm {
    static let mode = Mode.train
}

/// No ReLU at all: `out = x`, and the gradient passes through unchanged.
struct PassThroughReLU: ReLULayer {
    func forward(_ x: Tensor) -> (out: Tensor, cache: Void) { (x, ()) }
    func backward(_ dout: Tensor, cache: Void) -> Tensor { dout }
}
