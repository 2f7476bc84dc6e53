/// Why a data set could not be loaded. Every case names the file involved.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist (or cannot be opened); `hint` says where to get it.
    case missingFile(path: String, hint: String)
    /// The file ends early: it is not a whole number of records.
    case truncatedFile(path: String, detail: String)
    /// The file is complete but its contents are not what the format says.
    case malformedFile(path: String, detail: String)
    /// The files hold fewer examples than were asked for.
    case notEnoughExamples(requested: Int, available: Int, files: String)

    public var description: String {
        switch self {
        case let .missingFile(path, hint): "cannot open \(path): no such file. \(hint)"
        case let .truncatedFile(path, detail): "\(path) is truncated: \(detail)"
        case let .malformedFile(path, detail): "\(path) is malformed: \(detail)"
        case let .notEnoughExamples(requested, available, files):
            "asked for \(requested) examples but \(files) hold only \(available)"
        }
    }
}
