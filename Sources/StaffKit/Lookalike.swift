import Foundation
import GraderKit

/// File names that imitate a stub's name without being it: `Аffine.swift` with a
/// Cyrillic `А`, `Affine.swift` with a zero-width space, fullwidth letters, accents.
/// Such a file is not graded (only the exact name is), and the report calls it out so
/// that a TA is not misled into thinking the student's file was graded.
public enum Lookalike {
    /// The stub `name` imitates, if any, with the characters that differ.
    /// - Parameters:
    ///   - name: a file name from the submission.
    ///   - stubs: the shipped stubs' names.
    public static func imitated(by name: String, among stubs: Set<String>) -> (stub: String, characters: [String])? {
        guard !stubs.contains(name) else { return nil }
        let key = skeleton(name)
        guard let stub = stubs.first(where: { skeleton($0) == key }) else { return nil }
        let odd = name.unicodeScalars.filter { !$0.isASCII || SafeText.isUnsafe($0) }
            .map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(4) + ($0.properties.name.map { " " + $0 } ?? "") }
        return (stub, odd.isEmpty ? ["a different normalization or case"] : odd)
    }

    /// The name reduced to what it looks like: compatibility-decomposed (fullwidth
    /// letters become ASCII), without combining marks and invisible characters, with
    /// Cyrillic and Greek lookalikes mapped to their Latin twins, lowercased.
    static func skeleton(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark || SafeText.isUnsafe(scalar) { continue }
            out.append(confusables[scalar] ?? scalar)
        }
        return String(out).lowercased()
    }

    /// Cyrillic and Greek letters drawn like Latin ones.
    static let confusables: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            ("АВЕЅІЈКМНОРСТХУ", "ABESIJKMHOPCTXY"), ("аеѕіјорсху", "aesijopcxy"), ("ԁԛԝ", "dqw"),
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"), ("οιν", "oiv"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (from, to) in pairs {
            for (a, b) in zip(from.unicodeScalars, to.unicodeScalars) { table[a] = b }
        }
        return table
    }()
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
