/// One named line of a ``Chart``: points in data coordinates.
public struct Series: Sendable, Hashable {
    /// The legend entry.
    public var name: String
    public var points: [Point]
    /// Whether each point also gets a dot (for few points, e.g. one per epoch).
    public var markers: Bool

    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    }

    public init(_ name: String, points: [Point], markers: Bool = false) {
        self.name = name
        self.points = points
        self.markers = markers
    }

    /// A series whose x values are 0, 1, 2, … (iterations, epochs, layers).
    public init(_ name: String, values: [Double], startingAt start: Double = 0, markers: Bool = false) {
        self.init(name, points: values.enumerated().map { Point(start + Double($0.offset), $0.element) },
                  markers: markers)
    }

    /// The same series averaged over a sliding window of `window` points (each point
    /// averages itself and up to `window − 1` predecessors), which shows the trend of
    /// a noisy minibatch loss.
    public func smoothed(window: Int) -> Series {
        guard window > 1 else { return self }
        var sum = 0.0
        var out: [Point] = []
        for (i, p) in points.enumerated() {
            sum += p.y
            if i >= window { sum -= points[i - window].y }
            out.append(Point(p.x, sum / Double(Swift.min(i + 1, window))))
        }
        return Series(name, points: out, markers: markers)
    }
}
