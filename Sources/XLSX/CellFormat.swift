/// How a cell looks: font, alignment, borders, fill, number format, protection.
///
/// A value type: two equal formats become one `lxw_format` in the workbook
/// (see `Workbook.formatHandle(for:)`), so callers may describe formats
/// freely without multiplying styles in the file.
public struct CellFormat: Hashable, Sendable {
    /// Horizontal alignment of the cell's content.
    public enum HorizontalAlignment: UInt8, Sendable {
        case general = 0, left, center, right, fill, justify, centerAcross, distributed
    }
    /// Vertical alignment of the cell's content.
    public enum VerticalAlignment: UInt8, Sendable {
        case bottom = 0, top, center, justify, distributed
    }
    /// Border line style, as numbered by Excel.
    public enum BorderStyle: UInt8, Sendable {
        case none = 0, thin, medium, dashed, dotted, thick, double, hair
    }

    /// Font name (e.g. `SimSun`); nil keeps the workbook default (Calibri).
    public var fontName: String?
    /// Font size in points; nil keeps 11.
    public var fontSize: Double?
    /// Bold font.
    public var bold = false
    /// Underlined font (single).
    public var underline = false
    /// Font colour as 0xRRGGBB; nil keeps automatic.
    public var fontColor: UInt32?
    /// Horizontal alignment.
    public var horizontal: HorizontalAlignment = .general
    /// Vertical alignment.
    public var vertical: VerticalAlignment = .bottom
    /// Wrap text in the cell.
    public var wrap = false
    /// Indentation level.
    public var indent: UInt8 = 0
    /// Border on all four sides.
    public var border: BorderStyle = .none
    /// Solid background fill as 0xRRGGBB; nil for none.
    public var fill: UInt32?
    /// Number format code such as `#,##0.00` or `@`; nil for General.
    public var numberFormat: String?
    /// Whether the cell stays editable when the sheet is protected.
    public var unlocked = false

    /// The default look (General, Calibri 11, no border).
    public init() {}

    /// Returns a copy with one property changed; handy for deriving formats.
    public func with<T>(_ keyPath: WritableKeyPath<CellFormat, T>, _ value: T) -> CellFormat {
        var copy = self
        copy[keyPath: keyPath] = value
        return copy
    }
}
