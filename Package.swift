// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "BudgetXLSX",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "budgetxlsx", targets: ["budgetxlsx"]),
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "Budget", targets: ["Budget"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C bridges: the system libraries, found through pkg-config.
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CZip", pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]),
        .systemLibrary(
            name: "CExpat", pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]),

        // Domain-free spreadsheet I/O.
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "CZip", "CExpat"]),

        // The disclosure: model, layouts, mapping, rules.
        .executableTarget(name: "EmbedGen"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedGen"]),
        .target(name: "Budget", dependencies: ["XLSX"], plugins: ["EmbedResources"]),

        // The command-line tool.
        .executableTarget(
            name: "budgetxlsx",
            dependencies: ["Budget", "XLSX", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // The read benchmark's library side (Benchmarks/run.sh builds it in release mode).
        .executableTarget(name: "ReadBench", dependencies: ["XLSX"], path: "Benchmarks/ReadBench"),

        .target(name: "CommandRunner", path: "Tests/Support"),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX"]),
        .testTarget(name: "BudgetTests", dependencies: ["Budget", "XLSX", "CommandRunner"]),
        .testTarget(name: "CLITests", dependencies: ["budgetxlsx", "CommandRunner"]),
    ],
    swiftLanguageModes: [.v6]
)
