import Synchronization

/// Counts C handles (workbooks, zip archives, XML parsers) that are open, so
/// tests can prove that every path frees what it opened.
public enum LiveHandles {
    private static let count = Atomic<Int>(0)

    /// The number of C handles open now.
    public static var current: Int { count.load(ordering: .relaxed) }

    static func opened() { count.add(1, ordering: .relaxed) }
    static func closed() { count.subtract(1, ordering: .relaxed) }
}
