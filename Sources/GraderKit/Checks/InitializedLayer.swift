/// One layer with weights of a network, as an `init` check expects to find it: the
/// checks' own account of the shapes, written from the handouts, independently of any
/// implementation.
struct InitializedLayer: Sendable {
    /// The layer's number, from 1: `W<index>`, `b<index>`.
    var index: Int
    /// `(D_in, D_out)` for an affine layer, `(F, C, K, K)` for a conv layer.
    var weightShape: [Int]
    /// `K` for a conv layer, `nil` for an affine one.
    var kernel: Int?
    /// Whether the layer has a `gamma<index>` and `beta<index>`.
    var normalized: Bool

    /// The values each output sums over: `D_in`, or `C · K · K`.
    var fanIn: Int { kernel == nil ? weightShape[0] : weightShape.dropFirst().reduce(1, *) }
    /// What each input feeds: `D_out`, or `F · K · K`.
    var fanOut: Int { kernel.map { weightShape[0] * $0 * $0 } ?? weightShape[1] }
    /// The length of the bias, `gamma` and `beta`: `D_out`, or `F`.
    var outputs: Int { kernel == nil ? weightShape[1] : weightShape[0] }

    /// The sizes of a network of `layers` (first to last), each with what it is: the
    /// input's size (channels for a conv layer) and every layer's output size.
    static func sizes(of layers: [InitializedLayer]) -> [(label: String, size: Int)] {
        guard let first = layers.first else { return [] }
        let input = first.kernel == nil ? ("the input's size (W1's dimension 0)", first.weightShape[0])
            : ("the images' channels (W1's dimension 1)", first.weightShape[1])
        return [input] + layers.map { layer in
            (layer.index == layers.count ? "the number of classes (layer \(layer.index)'s output size)"
                : "layer \(layer.index)'s output size", layer.outputs)
        }
    }

    /// The layers of a fully-connected net of widths `widths` (input first); with
    /// normalization, every layer but the last is normalized.
    static func fullyConnected(_ widths: [Int], normalized: Bool) -> [InitializedLayer] {
        zip(widths, widths.dropFirst()).enumerated().map { index, sizes in
            InitializedLayer(index: index + 1, weightShape: [sizes.0, sizes.1], kernel: nil,
                             normalized: normalized && index + 2 < widths.count)
        }
    }
}
