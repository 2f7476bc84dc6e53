import Curriculum
import TensorKit

/// The reference spatial batch normalization of images `(N, C, H, W)`: statistics per
/// channel over all samples and pixels, computed by ``BatchNorm`` on the `N·H·W`
/// pixels of each channel laid out as one column.
///
/// Moving the channel axis last and flattening, `(N, C, H, W) → (N, H, W, C) →
/// (N·H·W, C)`, only moves entries, so the backward pass is the same move undone.
public struct SpatialBatchNorm: SpatialBatchNormLayer {
    /// What the backward pass reads.
    public struct Cache: Sendable {
        /// The cache of the batch norm over `(N·H·W, C)`.
        public var batchNorm: BatchNorm.Cache
        /// The input's shape `(N, C, H, W)`.
        public var shape: [Int]
    }

    public init() {}

    /// - Parameters:
    ///   - x: inputs `(N, C, H, W)`.
    ///   - gamma: scale per channel `(C,)`.
    ///   - beta: shift per channel `(C,)`.
    ///   - mode, state: as for ``BatchNorm``; the running statistics are `(C,)`.
    /// - Returns: `out` `(N, C, H, W)` and the cache.
    public func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                        state: inout BatchNormState) -> (out: Tensor, cache: Cache) {
        let (columns, cache) = BatchNorm().forward(
            Self.channelColumns(x), gamma: gamma, beta: beta, mode: mode, state: &state)
        return (Self.images(columns, shape: x.shape), Cache(batchNorm: cache, shape: x.shape))
    }

    /// - Returns: `dx` `(N, C, H, W)`, `dgamma` `(C,)`, `dbeta` `(C,)`.
    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dColumns, dgamma, dbeta) = BatchNorm().backwardAlt(
            Self.channelColumns(dout), cache: cache.batchNorm)
        return (Self.images(dColumns, shape: cache.shape), dgamma, dbeta)
    }

    /// `(N, C, H, W) → (N·H·W, C)`: one column per channel.
    private static func channelColumns(_ images: Tensor) -> Tensor {
        images.transposed(0, 2, 3, 1).reshaped(-1, images.shape[1])
    }

    /// `(N·H·W, C) → (N, C, H, W)`: the inverse of ``channelColumns(_:)``.
    private static func images(_ columns: Tensor, shape: [Int]) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        return columns.reshaped(n, h, w, c).transposed(0, 3, 1, 2)
    }
}
