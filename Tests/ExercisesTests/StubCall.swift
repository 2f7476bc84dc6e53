// Compiled only in the author's edition, where `Sources/Exercises` holds the stubs
// exactly as they ship (see Package.swift); in a student's copy they are being replaced.
#if AUTHOR_EDITION
import Curriculum
@testable import Exercises
import TensorKit

/// One function of one stub in `Sources/Exercises`, called with inputs of valid shapes.
///
/// Codable and Sendable so that an exit test can carry it into its child process.
enum StubCall: String, CaseIterable, Codable, Sendable {
    case affineForward, affineBackward
    case reluForward, reluBackward
    case twoLayerNetInit
    case sgd, sgdMomentum, nesterovMomentum, adaGrad, rmsProp, adam
    case fullyConnectedNetInit
    case batchNormForward, batchNormBackward, batchNormBackwardAlt
    case layerNormForward, layerNormBackward
    case dropoutForward, dropoutBackward
    case spatialBatchNormForward, spatialBatchNormBackward
    case groupNormForward, groupNormBackward
    case convolutionForward, convolutionBackward
    case maxPoolForward, maxPoolBackward
    case convNetInit

    /// The exercise's name, as the stub passes it to `TODO(_:)`.
    var exercise: String {
        switch self {
        case .affineForward, .affineBackward: "affine"
        case .reluForward, .reluBackward: "relu"
        case .twoLayerNetInit: "two-layer-net"
        case .sgd, .sgdMomentum, .nesterovMomentum, .adaGrad, .rmsProp, .adam: "optimizers"
        case .fullyConnectedNetInit: "fc-net"
        case .batchNormForward, .batchNormBackward, .batchNormBackwardAlt: "batchnorm"
        case .layerNormForward, .layerNormBackward: "layernorm"
        case .dropoutForward, .dropoutBackward: "dropout"
        case .spatialBatchNormForward, .spatialBatchNormBackward: "spatial-batchnorm"
        case .groupNormForward, .groupNormBackward: "groupnorm"
        case .convolutionForward, .convolutionBackward: "conv"
        case .maxPoolForward, .maxPoolBackward: "maxpool"
        case .convNetInit: "convnet"
        }
    }

    /// The function's name as `#function` spells it, labels included.
    var function: String {
        switch self {
        case .affineForward: "forward(_:_:_:)"
        case .reluForward: "forward(_:)"
        case .batchNormForward, .spatialBatchNormForward: "forward(_:gamma:beta:mode:state:)"
        case .layerNormForward: "forward(_:gamma:beta:eps:)"
        case .groupNormForward: "forward(_:gamma:beta:groups:eps:)"
        case .dropoutForward: "forward(_:parameters:)"
        case .convolutionForward: "forward(_:_:_:stride:padding:)"
        case .maxPoolForward: "forward(_:poolHeight:poolWidth:stride:)"
        case .affineBackward, .reluBackward, .batchNormBackward, .layerNormBackward,
             .dropoutBackward, .spatialBatchNormBackward, .groupNormBackward, .convolutionBackward,
             .maxPoolBackward:
            "backward(_:cache:)"
        case .batchNormBackwardAlt: "backwardAlt(_:cache:)"
        case .sgd, .sgdMomentum, .nesterovMomentum, .adaGrad, .rmsProp, .adam:
            "\(rawValue)(_:_:state:)"
        case .twoLayerNetInit: "init(inputDimension:hiddenDimension:classes:weightScale:reg:seed:)"
        case .fullyConnectedNetInit, .convNetInit: "init(_:)"
        }
    }

    /// The beginning of the message the stub must stop with.
    var expectedMessage: String { "\(TODOMarker.prefix) \(exercise): \(function)" }

    /// Calls the stub. Returns only if the stub does, which it must not.
    func run() {
        let matrix = Tensor.ones([2, 3]), features = Tensor.ones([3])
        let images = Tensor.ones([2, 4, 2, 2]), channels = Tensor.ones([4])
        var batchNormState = BatchNormState()
        switch self {
        case .affineForward: _ = Affine().forward(matrix, .ones([3, 5]), .zeros([5]))
        case .affineBackward: _ = Affine().backward(.ones([2, 5]), cache: Affine.Cache())
        case .reluForward: _ = ReLU().forward(matrix)
        case .reluBackward: _ = ReLU().backward(matrix, cache: ReLU.Cache())
        case .twoLayerNetInit:
            _ = TwoLayerNet(inputDimension: 3, hiddenDimension: 4, classes: 2,
                            weightScale: 1e-3, reg: 0, seed: 0)
        case .sgd:
            var state = SGDState()
            _ = Optimizers().sgd(matrix, matrix, state: &state)
        case .sgdMomentum:
            var state = MomentumState()
            _ = Optimizers().sgdMomentum(matrix, matrix, state: &state)
        case .nesterovMomentum:
            var state = MomentumState()
            _ = Optimizers().nesterovMomentum(matrix, matrix, state: &state)
        case .adaGrad:
            var state = AdaGradState()
            _ = Optimizers().adaGrad(matrix, matrix, state: &state)
        case .rmsProp:
            var state = RMSPropState()
            _ = Optimizers().rmsProp(matrix, matrix, state: &state)
        case .adam:
            var state = AdamState()
            _ = Optimizers().adam(matrix, matrix, state: &state)
        case .fullyConnectedNetInit:
            _ = FullyConnectedNet(NetworkConfiguration(inputDimension: 3, hiddenDimensions: [4], classes: 2))
        case .batchNormForward:
            _ = BatchNorm().forward(matrix, gamma: features, beta: features, mode: .train,
                                    state: &batchNormState)
        case .batchNormBackward: _ = BatchNorm().backward(matrix, cache: BatchNorm.Cache())
        case .batchNormBackwardAlt: _ = BatchNorm().backwardAlt(matrix, cache: BatchNorm.Cache())
        case .layerNormForward: _ = LayerNorm().forward(matrix, gamma: features, beta: features, eps: 1e-5)
        case .layerNormBackward: _ = LayerNorm().backward(matrix, cache: LayerNorm.Cache())
        case .dropoutForward:
            _ = Dropout().forward(matrix, parameters: DropoutParameters(keepProbability: 0.5, mode: .train, seed: 1))
        case .dropoutBackward: _ = Dropout().backward(matrix, cache: Dropout.Cache())
        case .spatialBatchNormForward:
            _ = SpatialBatchNorm().forward(images, gamma: channels, beta: channels, mode: .train,
                                           state: &batchNormState)
        case .spatialBatchNormBackward:
            _ = SpatialBatchNorm().backward(images, cache: SpatialBatchNorm.Cache())
        case .groupNormForward:
            _ = GroupNorm().forward(images, gamma: channels, beta: channels, groups: 2, eps: 1e-5)
        case .groupNormBackward: _ = GroupNorm().backward(images, cache: GroupNorm.Cache())
        case .convolutionForward:
            _ = Convolution().forward(images, .ones([3, 4, 2, 2]), .zeros([3]), stride: 1, padding: 0)
        case .convolutionBackward: _ = Convolution().backward(.ones([2, 3, 1, 1]), cache: Convolution.Cache())
        case .maxPoolForward: _ = MaxPool().forward(images, poolHeight: 2, poolWidth: 2, stride: 2)
        case .maxPoolBackward: _ = MaxPool().backward(.ones([2, 4, 1, 1]), cache: MaxPool.Cache())
        case .convNetInit:
            _ = ConvNet(.threeLayer(inputShape: [1, 4, 4], filters: 2, filterSize: 3, hiddenDimension: 3, classes: 2))
        }
    }
}
#endif
