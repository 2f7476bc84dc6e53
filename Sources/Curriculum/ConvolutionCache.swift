import TensorKit

/// What a convolution step of the ConvNet sandwiches keeps for its backward pass, and
/// the step itself: TensorKit's fast convolution, a given helper (the course's
/// `conv_forward_fast`), not an exercise.
public struct ConvolutionCache: Sendable {
    /// The images convolved, `(N, C, H, W)`.
    public var x: Tensor
    /// The filters, `(F, C, K, K)`.
    public var w: Tensor
    public var stride: Int
    public var padding: Int

    /// `x` convolved with `w`, plus `b`, and what its backward pass needs.
    static func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int)
        -> (out: Tensor, cache: ConvolutionCache)
    {
        (x.convolved(with: w, bias: b, stride: stride, padding: padding),
         ConvolutionCache(x: x, w: w, stride: stride, padding: padding))
    }

    /// The gradients with respect to the images, the filters and the biases.
    /// - Parameter dout: the gradient of the convolution's output, `(N, F, H′, W′)`.
    func backward(_ dout: Tensor) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let gradients = x.convolutionGradients(dout, filters: w, stride: stride, padding: padding)
        return (gradients.input, gradients.filters, gradients.bias)
    }
}
