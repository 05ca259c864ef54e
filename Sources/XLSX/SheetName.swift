/// Excel's rules for worksheet names.
public enum SheetName {
    /// Excel's longest sheet name, in characters.
    public static let maxLength = 31
    /// Characters Excel refuses in a sheet name.
    public static let forbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Throws `.invalidSheetName` with the reason when `name` is not a legal sheet name.
    public static func validate(_ name: String) throws {
        func fail(_ why: String) -> XLSXError {
            XLSXError(.invalidSheetName, "sheet name \"\(name)\" \(why)")
        }
        if name.isEmpty { throw fail("is empty") }
        // Excel counts UTF-16 code units.
        if name.utf16.count > maxLength { throw fail("is longer than \(maxLength) characters") }
        if let bad = name.first(where: { forbiddenCharacters.contains($0) }) {
            throw fail("contains the character '\(bad)', which Excel does not allow")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { throw fail("contains a control character") }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw fail("starts or ends with an apostrophe") }
        if name.lowercased() == "history" { throw fail("is reserved by Excel") }
    }

    /// Makes a legal sheet name from any text: forbidden characters become
    /// `_`, the result is cut to 31 characters and never empty.
    public static func sanitize(_ text: String) -> String {
        var result = ""
        for character in text {
            if forbiddenCharacters.contains(character) || character.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                result.append("_")
            } else {
                result.append(character)
            }
        }
        while result.hasPrefix("'") { result.removeFirst() }
        while result.hasSuffix("'") { result.removeLast() }
        while result.utf16.count > maxLength { result.removeLast() }
        if result.isEmpty || result.lowercased() == "history" { result = "Sheet" }
        return result
    }

    /// `name` quoted for use in a formula or hyperlink (`'收入总表'!A1`).
    public static func quoted(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// The names used in one workbook: legal and unique, compared case-insensitively as Excel does.
struct SheetNameSet {
    private var used: Set<String> = []

    mutating func insert(_ name: String) throws {
        try SheetName.validate(name)
        let key = name.lowercased()
        guard !used.contains(key) else {
            throw XLSXError(.invalidSheetName, "sheet name \"\(name)\" is already used in this workbook")
        }
        used.insert(key)
    }
}
