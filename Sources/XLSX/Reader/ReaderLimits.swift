/// Bounds that protect the reader against hostile or broken files (zip bombs, endless XML).
///
/// The defaults are far above anything a real workbook needs; lower them when reading
/// files from untrusted sources under tight memory.
public struct ReaderLimits: Sendable, Equatable {
    /// Largest total uncompressed size of all parts together, in bytes.
    public var maxTotalUncompressedBytes: Int64
    /// Largest uncompressed size of one part, in bytes.
    public var maxEntryUncompressedBytes: Int64
    /// Largest uncompressed:compressed ratio of one part (checked only for large parts).
    public var maxCompressionRatio: Int64
    /// Parts smaller than this many uncompressed bytes are exempt from the ratio check.
    public var compressionRatioThreshold: Int64
    /// Largest number of entries in the zip archive.
    public var maxEntries: Int
    /// Largest number of cells read from one sheet.
    public var maxCells: Int
    /// Largest length in UTF-8 bytes of one string, formula or value.
    public var maxStringBytes: Int
    /// Deepest XML element nesting.
    public var maxXMLDepth: Int

    /// Creates limits; every argument defaults to the value in `ReaderLimits.default`.
    public init(maxTotalUncompressedBytes: Int64 = 2 << 30,
                maxEntryUncompressedBytes: Int64 = 1 << 30,
                maxCompressionRatio: Int64 = 1000,
                compressionRatioThreshold: Int64 = 4 << 20,
                maxEntries: Int = 10_000,
                maxCells: Int = 100_000_000,
                maxStringBytes: Int = 32_767 * 4,
                maxXMLDepth: Int = 64) {
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxEntryUncompressedBytes = maxEntryUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.compressionRatioThreshold = compressionRatioThreshold
        self.maxEntries = maxEntries
        self.maxCells = maxCells
        self.maxStringBytes = maxStringBytes
        self.maxXMLDepth = maxXMLDepth
    }

    /// Safe defaults: 2 GiB in total, 1 GiB per part, ratio 1000:1 above 4 MiB, 10,000 entries,
    /// 100 million cells per sheet, 131,068-byte strings, XML depth 64.
    public static let `default` = ReaderLimits()
}
