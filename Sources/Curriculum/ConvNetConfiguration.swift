import TensorKit

/// Everything that defines a ``ConvNetClassifier``.
///
/// Every convolution has stride 1 and `(K − 1) / 2` zeros of padding on each side, so it
/// keeps the height and width of its input; every max pool is 2×2 with stride 2, so it
/// halves them (rounding down).
public struct ConvNetConfiguration: Sendable, Hashable, Codable {
    /// `(C, H, W)`: the shape of one input image.
    public var inputShape: [Int]
    /// `F` of each conv layer, first to last; `[]` is a fully-connected net.
    public var filters: [Int]
    /// `K`: every filter is `K × K`; odd, so that the padding `(K − 1) / 2` keeps the size.
    public var filterSize: Int
    /// The conv layers, counted from 0, followed by a 2×2 max pool.
    public var pools: [Int]
    /// The width of each hidden affine layer after the conv layers.
    public var hiddenDimensions: [Int]
    /// `C`: the number of classes.
    public var classes: Int
    /// Spatial batch normalization between each convolution and its ReLU.
    public var batchNorm: Bool
    /// L2 regularization strength, on every weight tensor (filters and affine weights).
    public var reg: Double
    /// How the weights are initialized; a conv layer's fan-in is `C · K · K`.
    public var initialization: WeightInitialization
    /// Seeds the initial weights.
    public var seed: UInt64

    public init(inputShape: [Int], filters: [Int], filterSize: Int = 3, pools: [Int] = [],
                hiddenDimensions: [Int] = [], classes: Int, batchNorm: Bool = false, reg: Double = 0,
                initialization: WeightInitialization = .kaiming, seed: UInt64 = 0) {
        self.inputShape = inputShape
        self.filters = filters
        self.filterSize = filterSize
        self.pools = pools
        self.hiddenDimensions = hiddenDimensions
        self.classes = classes
        self.batchNorm = batchNorm
        self.reg = reg
        self.initialization = initialization
        self.seed = seed
    }

    /// The course's three-layer ConvNet: conv – ReLU – 2×2 max pool – affine – ReLU –
    /// affine – softmax, every weight drawn with standard deviation `weightScale`.
    public static func threeLayer(
        inputShape: [Int] = [3, 32, 32], filters: Int = 32, filterSize: Int = 7, hiddenDimension: Int = 100,
        classes: Int = 10, weightScale: Double = 1e-3, reg: Double = 0, seed: UInt64 = 0
    ) -> ConvNetConfiguration {
        ConvNetConfiguration(inputShape: inputShape, filters: [filters], filterSize: filterSize, pools: [0],
                             hiddenDimensions: [hiddenDimension], classes: classes, reg: reg,
                             initialization: .scale(weightScale), seed: seed)
    }

    /// The course's deep ConvNet: 3×3 conv layers with the given filter counts, each
    /// with optional spatial batch norm, max pools after the layers `pools` names, then
    /// one affine layer; Kaiming initialization by default.
    public static func deep(
        inputShape: [Int] = [3, 32, 32], filters: [Int] = [8, 8, 8], pools: [Int] = [0, 1, 2], classes: Int = 10,
        batchNorm: Bool = false, reg: Double = 0, initialization: WeightInitialization = .kaiming, seed: UInt64 = 0
    ) -> ConvNetConfiguration {
        ConvNetConfiguration(inputShape: inputShape, filters: filters, filterSize: 3, pools: pools,
                             classes: classes, batchNorm: batchNorm, reg: reg,
                             initialization: initialization, seed: seed)
    }

    /// The zeros of padding on each side that keep a `K × K` convolution's output the
    /// size of its input: `(K − 1) / 2`.
    public var padding: Int { (filterSize - 1) / 2 }
}
