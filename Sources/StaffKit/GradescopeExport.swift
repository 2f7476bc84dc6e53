import Foundation
import GraderKit

/// `grader export gradescope OUT.zip`: the archive Gradescope's "Configure Autograder"
/// page takes. Gradescope unpacks it into `/autograder/source`, runs `setup.sh` once
/// to build its image, then `run_autograder` for every submission.
///
/// The archive holds:
/// - `setup.sh`: installs the Swift toolchain this course is built with (swift.org's
///   tarball for the image's Ubuntu release) and builds the course and its staging
///   area once, so each submission costs only its own files;
/// - `run_autograder`: grades `/autograder/submission` with `grader grade`, the hidden
///   sets included, and writes `/autograder/results/results.json`;
/// - `course/`: the course's package, Solutions included (the archive is staff-only);
/// - `hidden/<name>/`: each `--hidden` fixture set.
///
/// Every path starts from `$AUTOGRADER_ROOT` (default `/autograder`), so the scripts
/// can be run against a fake tree on any machine.
///
/// Student code runs as an unprivileged user (`nobody`), so `setup.sh` makes the
/// autograder's files root's and writable by nobody else: the worker cannot rewrite
/// `run_autograder` (which bash reads as it runs; it is also written as one function,
/// read whole before it starts) nor the course. The grader itself writes
/// `results.json`; the script writes one only when the grader could not run.
public struct GradescopeExport {
    /// The course checkout.
    public var workspace: Workspace
    /// Hidden fixture sets to ship.
    public var hidden: [URL]
    /// The toolchain version setup.sh installs, e.g. `"6.3.1"`.
    public var swiftVersion: String
    /// More options for `grader grade` in run_autograder (`--budget 300`, `--show-output`).
    public var gradeOptions: [String] = []
    /// The SHA-256 (hex) of the toolchain archive `setup.sh` downloads, by platform
    /// (`"ubuntu22.04"`, `"ubuntu24.04-aarch64"`): setup.sh refuses a download that does
    /// not match, or a platform with no pin. See ``ToolchainPin``.
    public var toolchainPins: [String: String] = [:]

    public init(workspace: Workspace, hidden: [URL], swiftVersion: String) {
        self.workspace = workspace
        self.hidden = hidden
        self.swiftVersion = swiftVersion
    }

    /// The version of the `swift` on the PATH (`"6.3.1"`), which built this course.
    public static func installedSwiftVersion() throws -> String {
        let outcome = try ProcessRunner(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                        arguments: ["swift", "--version"], timeLimit: 60).run()
        guard let range = outcome.output.range(of: #"swift-([0-9.]+)-RELEASE"#, options: .regularExpression) else {
            throw SubmissionError("cannot tell the Swift version from `swift --version`: \(outcome.output.prefix(200))")
        }
        return String(outcome.output[range].dropFirst("swift-".count).dropLast("-RELEASE".count))
    }

    /// Writes the archive to `archive` (replacing it).
    public func write(to archive: URL) throws {
        try hidden.forEach(FixtureSet.checkLayout)
        guard !toolchainPins.isEmpty else {
            throw SubmissionError("""
                setup.sh must verify the Swift toolchain it downloads, so the export needs its SHA-256: \
                download \(ToolchainPin.url(version: swiftVersion, platform: "ubuntu22.04")) (or the one for \
                the image's Ubuntu release) and pass --toolchain-archive FILE, or pass --toolchain-sha256 PLATFORM=HEX
                """)
        }
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("backproplab-gradescope-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        let course = folder.appendingPathComponent("course")
        try fm.createDirectory(at: course, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Tests", "assignments"] {
            try copyVisible(workspace.root.appendingPathComponent(item), to: course.appendingPathComponent(item))
        }
        var names = Set<String>()
        for set in hidden {
            var name = set.standardizedFileURL.lastPathComponent
            while !names.insert(name).inserted { name += "-\(names.count)" }
            try copyVisible(set, to: folder.appendingPathComponent("hidden").appendingPathComponent(name))
        }
        for (name, text) in [("setup.sh", setupScript), ("run_autograder", runScript)] {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        let destination = archive.standardizedFileURL
        try? fm.removeItem(at: destination)
        let zip = try ProcessRunner(executable: URL(fileURLWithPath: "/usr/bin/zip"),
                                    arguments: ["-q", "-r", "-X", destination.path, "."], directory: folder,
                                    timeLimit: 300).run()
        guard zip.status == 0, !zip.timedOut else {
            throw SubmissionError("zip failed (status \(zip.status)): \(zip.output.prefix(500))")
        }
    }

    /// Copies a file or folder, leaving out hidden entries (`.build`, `.git`, …).
    private func copyVisible(_ source: URL, to destination: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
            throw SubmissionError("no such file or folder: \(source.path)")
        }
        try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard isDirectory.boolValue else { return try fm.copyItem(at: source, to: destination) }
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source.path) where !name.hasPrefix(".") {
            try copyVisible(source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
        }
    }

    /// Installs the toolchain and builds the course once (Gradescope runs it as root
    /// while building the autograder's image).
    public var setupScript: String {
        let pinCases = toolchainPins.keys.sorted().map { "    \($0)) echo \(toolchainPins[$0]!) ;;" }.joined(separator: "\n")
        return #"""
        #!/usr/bin/env bash
        # BackpropLab autograder, image setup: install Swift \#(swiftVersion), build the course once.
        set -euo pipefail
        SWIFT_VERSION="\#(swiftVersion)"
        AUTOGRADER_ROOT="${AUTOGRADER_ROOT:-/autograder}"
        COURSE="$AUTOGRADER_ROOT/source/course"
        TOOLCHAIN="${SWIFT_TOOLCHAIN:-/opt/swift-toolchain}"

        # The SHA-256 of each platform's toolchain archive, pinned when the course was
        # exported (grader export gradescope --toolchain-archive FILE). A download that
        # does not match is never unpacked.
        pinned_sha256() {
          case "$1" in
        \#(pinCases)
            *) echo "" ;;
          esac
        }
        fetch_toolchain() {   # URL PLATFORM
          local pin archive
          pin="$(pinned_sha256 "$2")"
          if [ -z "$pin" ]; then
            echo "setup.sh: no SHA-256 is pinned for the $2 toolchain; export the course again with --toolchain-archive for it (docs/staff-guide.md)" >&2
            exit 1
          fi
          archive="$(mktemp)"
          echo "Downloading $1"
          curl -fsSL "$1" -o "$archive"
          if ! echo "$pin  $archive" | sha256sum -c --status -; then
            echo "setup.sh: the downloaded toolchain ($1) does not match the pinned SHA-256 $pin: refusing to install it" >&2
            rm -f "$archive"
            exit 1
          fi
          mkdir -p "$TOOLCHAIN"
          tar -xzf "$archive" --strip-components=1 -C "$TOOLCHAIN"
          rm -f "$archive"
          echo "Toolchain verified (SHA-256 $pin) and installed in $TOOLCHAIN"
        }
        if [ "${1:-}" = --fetch-toolchain ]; then   # for tests: URL PLATFORM, then stop
          fetch_toolchain "$2" "$3"
          exit 0
        fi

        . /etc/os-release
        case "$VERSION_ID" in
          22.04) gcc=11 ;;
          24.04) gcc=13 ;;
          *) echo "setup.sh: Ubuntu $VERSION_ID is not supported; choose Ubuntu 22.04 or 24.04 for the autograder" >&2; exit 1 ;;
        esac
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y --no-install-recommends \
          binutils ca-certificates curl git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 \
          "libgcc-$gcc-dev" libncurses-dev libpython3-dev libsqlite3-0 "libstdc++-$gcc-dev" \
          libxml2-dev libz3-dev pkg-config tzdata unzip util-linux zip zlib1g-dev

        platform="ubuntu${VERSION_ID}"
        folder="ubuntu${VERSION_ID//./}"
        if [ "$(uname -m)" = aarch64 ]; then platform="$platform-aarch64"; folder="$folder-aarch64"; fi
        url="https://download.swift.org/swift-$SWIFT_VERSION-release/$folder/swift-$SWIFT_VERSION-RELEASE/swift-$SWIFT_VERSION-RELEASE-$platform.tar.gz"
        fetch_toolchain "${SWIFT_TOOLCHAIN_URL:-$url}" "$platform"
        export PATH="$TOOLCHAIN/usr/bin:$PATH"
        swift --version

        # The grader, then one grading of an empty submission: it builds the course's
        # modules, the reference worker and the staging area, which every submission reuses.
        cd "$COURSE"
        swift build --product grader
        mkdir -p /tmp/empty-submission
        status=0
        .build/debug/grader grade /tmp/empty-submission --package-path "$COURSE" --out /tmp/warm-up || status=$?
        if [ "$status" -gt 1 ]; then echo "setup.sh: grading an empty submission failed" >&2; exit 1; fi

        # Student code runs as nobody: make sure the user exists, and that it can write
        # none of the autograder's files (run_autograder, the course, the hidden sets).
        id -u nobody >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin nobody
        for path in "$AUTOGRADER_ROOT/source" "$AUTOGRADER_ROOT/run_autograder" "$TOOLCHAIN"; do
          if [ -e "$path" ]; then chown -R root:root "$path"; chmod -R go-w "$path"; fi
        done
        echo "BackpropLab autograder ready."

        """#
    }

    /// Grades one submission; always leaves a results.json, even when the grader fails.
    public var runScript: String {
        let baked = gradeOptions.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return #"""
        #!/usr/bin/env bash
        # BackpropLab autograder: grade $AUTOGRADER_ROOT/submission, write results/results.json.
        # Environment (for testing outside Gradescope): AUTOGRADER_ROOT (default /autograder),
        # SWIFT_TOOLCHAIN, GRADER (the grader executable), GRADER_BUILD_DIR (staging folder),
        # GRADER_OPTIONS (more options for `grader grade`, e.g. "--timeout 20").
        # The whole script is one function, which bash reads before running any of it.
        main() {
        set -uo pipefail
        AUTOGRADER_ROOT="${AUTOGRADER_ROOT:-/autograder}"
        SOURCE="$AUTOGRADER_ROOT/source"
        COURSE="$SOURCE/course"
        RESULTS="$AUTOGRADER_ROOT/results"
        export PATH="${SWIFT_TOOLCHAIN:-/opt/swift-toolchain}/usr/bin:$PATH"
        GRADER="${GRADER:-$COURSE/.build/debug/grader}"
        mkdir -p "$RESULTS"

        options=(--package-path "$COURSE" --gradescope "$RESULTS/results.json" --out "$RESULTS/report" --no-color \#(baked))
        for set in "$SOURCE"/hidden/*/; do
          if [ -d "$set" ]; then options+=(--hidden "$set"); fi
        done
        if [ -n "${GRADER_BUILD_DIR:-}" ]; then options+=(--build-dir "$GRADER_BUILD_DIR"); fi
        # shellcheck disable=SC2206
        if [ -n "${GRADER_OPTIONS:-}" ]; then options+=($GRADER_OPTIONS); fi

        rm -f "$RESULTS/results.json"
        "$GRADER" grade "$AUTOGRADER_ROOT/submission" "${options[@]}" > "$RESULTS/grader-output.txt" 2>&1
        status=$?
        if [ ! -s "$RESULTS/results.json" ]; then
          # The grader could not grade at all: say so, with the end of its output.
          tail -c 4000 "$RESULTS/grader-output.txt" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/ /g' \
            | awk 'BEGIN { printf "{\"score\": 0, \"output\": \"The autograder could not grade this submission (status '"$status"'). Please tell the course staff.\\n\\n" }
                   { gsub(/[[:cntrl:]]/, " "); printf "%s\\n", $0 } END { printf "\"}\n" }' > "$RESULTS/results.json"
        fi
        exit 0
        }
        main "$@"
        exit 0

        """#
    }
}
