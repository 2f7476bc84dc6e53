/// Why a ``Checkpoint`` could not be read or used.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file the checkpoint needs does not exist; carries its path.
    case missingFile(String)
    /// A file exists but could not be decoded; carries its path and the reason.
    case unreadableFile(String, String)
    /// The checkpoint's parameters are not those of the model it should resume.
    case mismatchedParameters(String)

    public var description: String {
        switch self {
        case .missingFile(let path): "checkpoint file \(path) does not exist"
        case .unreadableFile(let path, let reason): "cannot read checkpoint file \(path): \(reason)"
        case .mismatchedParameters(let detail): "the checkpoint does not fit this model: \(detail)"
        }
    }
}
