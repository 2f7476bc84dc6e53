/// A small writer of SVG images: shapes and text appended in drawing order, rendered
/// as one standalone XML document that opens in any browser.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Appends an element.
    /// - Parameters:
    ///   - name: the tag, e.g. `line`.
    ///   - attributes: name–value pairs, written in this order; values are escaped, and
    ///     an empty value leaves its attribute out.
    ///   - text: character content (escaped), or `nil` for an empty element.
    public mutating func add(_ name: String, _ attributes: KeyValuePairs<String, String>,
                             text: String? = nil) {
        var tag = "<" + name
        for (key, value) in attributes where !value.isEmpty { tag += " \(key)=\"\(Self.escape(value))\"" }
        if let text {
            elements.append(tag + ">" + Self.escape(text) + "</\(name)>")
        } else {
            elements.append(tag + "/>")
        }
    }

    /// A straight line.
    public mutating func line(from a: (Double, Double), to b: (Double, Double),
                              stroke: String, width: Double = 1) {
        add("line", ["x1": Self.format(a.0), "y1": Self.format(a.1), "x2": Self.format(b.0),
                     "y2": Self.format(b.1), "stroke": stroke, "stroke-width": Self.format(width)])
    }

    /// Text anchored at a point.
    /// - Parameters:
    ///   - anchor: `start`, `middle` or `end`: which part of the text sits at `x`.
    ///   - rotation: degrees clockwise about the anchor point.
    public mutating func text(_ content: String, at point: (Double, Double), size: Double = 12,
                              anchor: String = "start", rotation: Double = 0, bold: Bool = false) {
        add("text", ["x": Self.format(point.0), "y": Self.format(point.1),
                     "font-size": Self.format(size), "text-anchor": anchor,
                     "font-weight": bold ? "bold" : "normal",
                     "transform": rotation == 0 ? "" : "rotate(\(Self.format(rotation)) \(Self.format(point.0)) \(Self.format(point.1)))"],
            text: content)
    }

    /// The document as text.
    public var xml: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.format(width))" height="\(Self.format(height))" viewBox="0 0 \(Self.format(width)) \(Self.format(height))" font-family="Helvetica, Arial, sans-serif">
        <rect x="0" y="0" width="\(Self.format(width))" height="\(Self.format(height))" fill="white"/>
        \(elements.joined(separator: "\n"))
        </svg>

        """
    }

    /// A coordinate with at most two decimals, which is finer than a pixel.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `text` with the five XML special characters replaced by entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
