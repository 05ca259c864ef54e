import Foundation

/// Reading and writing the documented JSON form of a `Disclosure`.
public enum DisclosureJSON {
    /// Decodes a disclosure; errors name the source and the field (`tables.revenue.rows[3].values.total`).
    public static func decode(_ data: Data, source: String) throws -> Disclosure {
        do {
            return try JSONDecoder().decode(Disclosure.self, from: data)
        } catch {
            throw BudgetError(.invalidJSON, "\(source): \(describe(error))")
        }
    }

    /// Reads a disclosure from a file, or from standard input when `path` is `-`.
    public static func read(path: String) throws -> Disclosure {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try decode(data, source: "standard input")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BudgetError(.io, "cannot read \(path): no such file or not readable")
        }
        return try decode(data, source: path)
    }

    /// Encodes a disclosure as pretty-printed JSON with stable key order.
    public static func encode(_ disclosure: Disclosure) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(disclosure)
        data.append(0x0A)
        return data
    }

    /// The bundled example: unit 323 青龙满族自治县人力资源和社会保障局, budget year 2025, as published.
    public static func bundledExample() throws -> Disclosure {
        let path = "Examples/qinglong-hrss-2025.json"
        guard let base64 = EmbeddedResources.files[path], let data = Data(base64Encoded: base64) else {
            throw BudgetError(.io, "the bundled example \(path) is missing from this build")
        }
        return try decode(data, source: "bundled example \(path)")
    }
}
