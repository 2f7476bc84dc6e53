import Foundation

/// How a chart maps one data coordinate to the page, and where its ticks go.
public struct Axis: Sendable, Hashable {
    public enum Scale: Sendable, Hashable { case linear, logarithmic }

    public var label: String
    public var scale: Scale
    /// The data range shown; `nil` fits the data.
    public var range: ClosedRange<Double>?

    public init(_ label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }

    /// The value as drawn: itself, or its base-10 logarithm.
    func transform(_ value: Double) -> Double {
        scale == .linear ? value : log10(value)
    }

    /// The range to draw (in drawn coordinates): the fixed ``range``, or the data's with
    /// a small margin, widened when it is a single value.
    func domain(of values: [Double]) -> ClosedRange<Double> {
        if let range { return transform(range.lowerBound)...transform(range.upperBound) }
        let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }.map(transform)
        guard var low = usable.min(), var high = usable.max() else { return 0...1 }
        if high - low < 1e-12 { low -= 0.5; high += 0.5 }
        // A margin of 3% keeps the first and last points off the axes.
        let margin = 0.03 * (high - low)
        return (low - margin)...(high + margin)
    }

    /// Tick positions (in drawn coordinates) and their labels for a domain.
    func ticks(in domain: ClosedRange<Double>) -> [(position: Double, label: String)] {
        switch scale {
        case .linear:
            let step = Self.niceStep((domain.upperBound - domain.lowerBound) / 5)
            var ticks: [(Double, String)] = []
            var value = (domain.lowerBound / step).rounded(.up) * step
            while value <= domain.upperBound + step * 1e-9 {
                ticks.append((value, Self.label(value == 0 ? 0 : value, step: step)))
                value += step
            }
            return ticks
        case .logarithmic:
            let first = Int(domain.lowerBound.rounded(.up)), last = Int(domain.upperBound.rounded(.down))
            guard first <= last else { return [(domain.lowerBound, Self.label(pow(10, domain.lowerBound), step: 0))] }
            let stride = Swift.max(1, (last - first + 1) / 8)
            return Swift.stride(from: first, through: last, by: stride).map {
                (Double($0), "1e\($0)")
            }
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * 0.999 {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// A tick label with as many decimals as the step needs.
    static func label(_ value: Double, step: Double) -> String {
        if step == 0 || abs(value) >= 1e5 || (abs(value) < 1e-3 && value != 0) {
            return String(format: "%.2g", value)
        }
        let decimals = Swift.max(0, Int(-floor(log10(step))))
        return String(format: "%.\(decimals)f", value)
    }
}
