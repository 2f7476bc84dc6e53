/// Whether a layer runs as in training or as at test time.
///
/// Batch normalization uses the batch's statistics in `.train` and its running
/// averages in `.test`; dropout drops units in `.train` and is the identity in `.test`.
public enum Mode: String, Sendable, Codable, CaseIterable {
    case train
    case test
}
