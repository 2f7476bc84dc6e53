/// Where a sliding window — a convolution's filter or a pooling window — lands on a
/// batch of images `(N, C, H, W)`, and the size of the result.
///
/// The window moves `stride` pixels at a time, across and down, over the images
/// surrounded by `padding` zeros on every side (top, bottom, left and right alike), so
/// the result has `H′ = 1 + (H + 2·padding − HH) / stride` rows and
/// `W′ = 1 + (W + 2·padding − WW) / stride` columns. Output pixel `(i, j)` sees the
/// window whose top-left corner is padded pixel `(i·stride, j·stride)`.
public struct ConvolutionGeometry: Sendable, Hashable {
    /// How a window that does not end exactly at the padded image's edge is treated.
    public enum Fit: Sendable, Hashable {
        /// `(H + 2·padding − HH)` and `(W + 2·padding − WW)` must be multiples of the
        /// stride, as the course's fast convolution requires.
        case exact
        /// Rows and columns after the last whole window are left out, as the course's
        /// naive max pooling does with its integer division.
        case roundingDown
    }

    /// `N`, the number of images.
    public let batch: Int
    /// `C`, the channels of each image.
    public let channels: Int
    /// `H`, the rows of each image before padding.
    public let height: Int
    /// `W`, the columns of each image before padding.
    public let width: Int
    /// `HH`, the rows of the window.
    public let windowHeight: Int
    /// `WW`, the columns of the window.
    public let windowWidth: Int
    /// The step between neighbouring windows, in pixels, across and down.
    public let stride: Int
    /// The zeros added on each side of each image.
    public let padding: Int
    /// `H′`, the rows of the result.
    public let outputHeight: Int
    /// `W′`, the columns of the result.
    public let outputWidth: Int

    /// The geometry of a window over `input`, or a stop with a message that names the
    /// operation and its operands when the window does not fit. A network can size its
    /// layers with it, e.g. the affine layer after a convolution and a pooling.
    /// - Parameters:
    ///   - input: the shape `(N, C, H, W)` of the images; any other rank is an error.
    ///   - windowHeight: `HH`, at least 1.
    ///   - windowWidth: `WW`, at least 1.
    ///   - stride: at least 1.
    ///   - padding: at least 0.
    ///   - fit: whether the windows must end exactly at the padded edge: `.exact` for a
    ///     convolution, `.roundingDown` for max pooling.
    ///   - operation: the name the messages start with, e.g. `"convolution"`.
    ///   - operands: what the messages name after the sizes (the input's shape when nil).
    public init(
        input: [Int], windowHeight: Int, windowWidth: Int, stride: Int = 1, padding: Int = 0,
        fit: Fit = .exact, operation: String = "convolution", operands: String? = nil
    ) {
        let operands = operands ?? "input \(formatShape(input))"
        if input.count != 4 {
            shapeFailure("\(operation): needs images of shape (N, C, H, W), got \(operands)")
        }
        if stride < 1 { shapeFailure("\(operation): stride must be at least 1, got \(stride); \(operands)") }
        if padding < 0 { shapeFailure("\(operation): padding must not be negative, got \(padding); \(operands)") }
        if windowHeight < 1 || windowWidth < 1 {
            shapeFailure("\(operation): the window must be at least 1×1, got \(windowHeight)×\(windowWidth); \(operands)")
        }
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (self.windowHeight, self.windowWidth, self.stride, self.padding) = (windowHeight, windowWidth, stride, padding)
        outputHeight = Self.outputExtent(
            "H", "HH", input: height, window: windowHeight, stride: stride, padding: padding,
            fit: fit, operation: operation, operands: operands)
        outputWidth = Self.outputExtent(
            "W", "WW", input: width, window: windowWidth, stride: stride, padding: padding,
            fit: fit, operation: operation, operands: operands)
    }

    /// `C·HH·WW`: the values one window covers across all channels, a row of a filter
    /// matrix.
    public var windowSize: Int { channels * windowHeight * windowWidth }

    /// `H′·W′`: the windows per image and channel.
    public var outputPixels: Int { outputHeight * outputWidth }

    /// The output extent along one axis, `1 + (size + 2·padding − window) / stride`.
    private static func outputExtent(
        _ size: String, _ window: String, input: Int, window extent: Int, stride: Int,
        padding: Int, fit: Fit, operation: String, operands: String
    ) -> Int {
        let padded = input + 2 * padding
        let span = padded - extent
        if span < 0 {
            shapeFailure("\(operation): the window does not fit: \(size) + 2·pad = \(input) + 2·\(padding) = \(padded) is less than \(window) = \(extent); \(operands)")
        }
        if fit == .exact && span % stride != 0 {
            shapeFailure("\(operation): (\(size) + 2·pad − \(window)) must be divisible by stride: got (\(input) + 2·\(padding) − \(extent)) = \(span) and stride \(stride); \(operands)")
        }
        return 1 + span / stride
    }
}
