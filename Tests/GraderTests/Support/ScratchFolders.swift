import Foundation

/// The folders tests write and leave behind (a submission to grade, a report's output):
/// all under one folder of this test process, removed when the process exits, so that
/// running the tests again and again does not fill the temporary directory.
enum ScratchFolders {
    /// This process's folder, `<temporary directory>/backproplab-tests-<pid>`.
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backproplab-tests-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: ScratchFolders.root) }
        return url
    }()

    /// A new folder `<label>-<UUID>` under `root`, not yet created.
    static func url(_ label: String) -> URL {
        root.appendingPathComponent("\(label)-\(UUID().uuidString)")
    }
}
