#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Curriculum
import Foundation

/// Names the functions and source lines at addresses in an executable, with the
/// toolchain's `llvm-symbolizer`: how the judge reads where a worker crashed (see
/// ``CrashAddresses``). Runs only after a crash, within a time limit.
struct Symbolizer {
    /// The `llvm-symbolizer` program.
    var program: URL
    /// Seconds it may take; a crash report past it names no line of the student's.
    var timeLimit: Double = 5

    /// The `llvm-symbolizer` of the Swift toolchain this judge runs on (Linux), else the
    /// first on the `PATH`; `nil` when there is none (Xcode ships none: on macOS a crash is
    /// reported where the runtime stopped, without the student's line).
    static let installed: Symbolizer? = {
        var folders: [String] = []
        // <toolchain>/usr/lib/swift/linux/libswiftCore.so, mapped in this process → <toolchain>/usr/bin
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        if let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libswiftCore.so") }),
           let slash = line.firstIndex(of: "/") {
            let library = URL(fileURLWithPath: String(line[slash...])).resolvingSymlinksInPath()
            folders.append(library.deletingLastPathComponent().appendingPathComponent("../../../bin").standardized.path)
        }
        folders += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent("llvm-symbolizer") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            .map { Symbolizer(program: $0) }
    }()

    /// The frames at `addresses` in `binary`, innermost first, each inlined call a frame
    /// of its own; `nil` when the symbolizer fails or takes too long.
    /// - Parameter addresses: offsets into `binary`'s file, the first where it trapped
    ///   and the others return addresses (each looked up one byte earlier, in the call).
    func frames(at addresses: [UInt64], in binary: URL) -> [CrashFrame]? {
        guard !addresses.isEmpty else { return nil }
        let arguments = ["--obj=" + binary.path, "--output-style=JSON"]
            + addresses.map { "0x" + String($0 > 0 ? $0 - 1 : 0, radix: 16) }
        guard let outcome = try? ProcessRunner(executable: program, arguments: arguments, timeLimit: timeLimit,
                                               mergeErrors: false).run(),
              !outcome.timedOut, outcome.status == 0,
              let found = try? JSONDecoder().decode([Found].self, from: outcome.data) else { return nil }
        return found.flatMap { address in
            address.symbols.compactMap { symbol -> CrashFrame? in
                guard let file = symbol.fileName, let line = symbol.line, line > 0 else { return nil }
                return CrashFrame(function: Self.demangle(symbol.functionName ?? "?"), qualified: true, file: file, line: line)
            }
        }
    }

    /// What `llvm-symbolizer --output-style=JSON` says of one address.
    private struct Found: Decodable {
        var symbols: [Symbol]
        struct Symbol: Decodable {
            var fileName: String?
            var line: Int?
            var functionName: String?
            enum CodingKeys: String, CodingKey { case fileName = "FileName", line = "Line", functionName = "FunctionName" }
        }
        enum CodingKeys: String, CodingKey { case symbols = "Symbol" }
    }

    /// A Swift symbol's readable name, by the runtime's demangler; other names as they are.
    static func demangle(_ symbol: String) -> String {
        guard let demangled = symbol.withCString({ swiftDemangle($0, strlen($0), nil, nil, 0) }) else { return symbol }
        defer { free(demangled) }
        return String(cString: demangled)
    }
}

/// The Swift runtime's demangler (exported by libswiftCore for tools): a `malloc`ed
/// string, or `nil` if `mangled` is not a Swift symbol.
@_silgen_name("swift_demangle")
private func swiftDemangle(_ mangled: UnsafePointer<CChar>, _ length: Int, _ output: UnsafeMutablePointer<CChar>?,
                           _ outputSize: UnsafeMutablePointer<Int>?, _ flags: UInt32) -> UnsafeMutablePointer<CChar>?
