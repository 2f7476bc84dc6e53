/// The Pearson correlation of two equally long samples: 1 when one is an increasing
/// linear function of the other, about 0 for independent draws (0 when either is
/// constant).
public func pearsonCorrelation(_ a: some Collection<Double>, _ b: some Collection<Double>) -> Double {
    let n = Double(a.count)
    let (meanA, meanB) = (a.reduce(0, +) / n, b.reduce(0, +) / n)
    var (ab, aa, bb) = (0.0, 0.0, 0.0)
    for (x, y) in zip(a, b) {
        ab += (x - meanA) * (y - meanB)
        aa += (x - meanA) * (x - meanA)
        bb += (y - meanB) * (y - meanB)
    }
    return aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 0
}
