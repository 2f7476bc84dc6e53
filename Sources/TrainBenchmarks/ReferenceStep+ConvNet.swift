import Curriculum
import Solutions

extension ReferenceStep where Net == ConvNet {
    /// The course's `ThreeLayerConvNet` as CS231n assignment 2 trains it on CIFAR-10,
    /// through the reference `ConvNet` (TensorKit's fast convolution and max pooling in
    /// Curriculum's `ConvReLUPool`):
    ///
    ///     x (N, 3, 32, 32) → conv 32 filters 7×7, stride 1, padding 3 → ReLU
    ///       → 2×2 max pool, stride 2 → (N, 32, 16, 16) → affine 8192 → 100 → ReLU
    ///       → affine 100 → 10 → softmax loss
    ///
    /// L2 1e-3 on the filters and both affine weights; every weight drawn with standard
    /// deviation 1e-3 (cnn.py's `weight_scale`), zero biases; no batch norm.
    /// `ConvNetConfiguration` expresses all of it: its padding is `(K − 1) / 2` (3 for
    /// 7×7, so the size is kept) and `pools: [0]` puts the 2×2 pool after the one conv layer.
    init(threeLayerSeed seed: UInt64) {
        self.init(ConvNet(.threeLayer(
            inputShape: [3, 32, 32], filters: 32, filterSize: 7, hiddenDimension: 100, classes: 10,
            weightScale: 1e-3, reg: 1e-3, seed: seed)))
    }
}
