import Foundation
import GraderKit

/// The SHA-256 of a Swift toolchain archive, pinned when a course is exported to
/// Gradescope so that `setup.sh` installs exactly that toolchain and nothing else.
public enum ToolchainPin {
    /// Where swift.org publishes the toolchain for a platform
    /// (`ubuntu22.04`, `ubuntu24.04-aarch64`).
    public static func url(version: String, platform: String) -> String {
        let folder = platform.replacingOccurrences(of: ".", with: "")
        return "https://download.swift.org/swift-\(version)-release/\(folder)/swift-\(version)-RELEASE/swift-\(version)-RELEASE-\(platform).tar.gz"
    }

    /// The platform an archive is for, from swift.org's name for it:
    /// `swift-6.3.1-RELEASE-ubuntu22.04-aarch64.tar.gz` → `ubuntu22.04-aarch64`.
    /// - Throws: when the name is not a swift.org archive of `version`.
    public static func platform(ofArchive name: String, version: String) throws -> String {
        let prefix = "swift-\(version)-RELEASE-", suffix = ".tar.gz"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else {
            throw SubmissionError("\(name) is not swift.org's archive of Swift \(version) (swift-\(version)-RELEASE-<platform>.tar.gz); the course is built with \(version)")
        }
        return String(name.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The platform and SHA-256 (hex) of a downloaded archive, read in 1 MiB pieces.
    public static func pin(archive: URL, version: String) throws -> (platform: String, sha256: String) {
        let platform = try platform(ofArchive: archive.lastPathComponent, version: version)
        guard let handle = try? FileHandle(forReadingFrom: archive) else {
            throw SubmissionError("cannot read \(archive.path)")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(chunk) }
        return (platform, SHA256.hex(digest: hash.finalize()))
    }

    /// `PLATFORM=HEX`, as `--toolchain-sha256` takes it.
    public static func parse(_ text: String) throws -> (platform: String, sha256: String) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }),
              parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
            throw SubmissionError("--toolchain-sha256 takes PLATFORM=HEX, e.g. ubuntu22.04=<64 hex digits>, not '\(text)'")
        }
        return (parts[0], parts[1].lowercased())
    }
}
