// swift-tools-version:6.0
import PackageDescription

// Module rule (../shared/DESIGN.md): a module imports only modules above it in this order —
// BollardCore, BollardXML, BollardEPCIS, BollardEDI, BollardLog, BollardLedger, BollardVerify,
// BollardStore, BollardIngest, BollardViewer, BollardServer, bollard.
let package = Package(
    name: "Bollard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bollard", targets: ["bollard"]),
        .library(name: "BollardCore", targets: ["BollardCore"]),
        .library(name: "BollardXML", targets: ["BollardXML"]),
        .library(name: "BollardEPCIS", targets: ["BollardEPCIS"]),
        .library(name: "BollardEDI", targets: ["BollardEDI"]),
        .library(name: "BollardLog", targets: ["BollardLog"]),
        .library(name: "BollardLedger", targets: ["BollardLedger"]),
        .library(name: "BollardVerify", targets: ["BollardVerify"]),
        .library(name: "BollardStore", targets: ["BollardStore"]),
        .library(name: "BollardIngest", targets: ["BollardIngest"]),
        .library(name: "BollardServer", targets: ["BollardServer"]),
        .library(name: "BollardViewer", targets: ["BollardViewer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSecp256k1",
            pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]
        ),
        .target(name: "BollardCore"),
        .target(name: "BollardXML", dependencies: ["CLibXML2"]),
        .target(
            name: "BollardEPCIS",
            dependencies: [
                "BollardCore", "BollardXML",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "BollardEDI", dependencies: ["BollardCore", "BollardEPCIS"]),
        .target(
            name: "BollardLog",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "BollardLedger",
            dependencies: [
                "BollardLog", "CSecp256k1",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .target(
            name: "BollardVerify",
            dependencies: ["BollardCore", "BollardEPCIS", "BollardLog", "BollardLedger"]
        ),
        .target(
            name: "BollardStore",
            dependencies: [
                "BollardCore", "BollardLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BollardIngest",
            dependencies: [
                "BollardCore", "BollardXML", "BollardEPCIS", "BollardEDI", "BollardLog", "BollardLedger", "BollardVerify",
                "BollardStore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "BollardServer",
            dependencies: [
                "BollardCore", "BollardLog", "BollardLedger", "BollardVerify", "BollardStore", "BollardIngest",
                "BollardViewer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // HTML pages of the provenance viewer: pure rendering, no I/O, no server dependency.
        .target(name: "BollardViewer", dependencies: ["BollardCore", "BollardLog", "BollardVerify"]),
        .executableTarget(
            name: "bollard",
            dependencies: [
                "BollardCore", "BollardXML", "BollardEPCIS", "BollardEDI", "BollardLog",
                "BollardLedger", "BollardVerify", "BollardStore", "BollardIngest", "BollardViewer", "BollardServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(name: "BollardTestSupport", path: "Tests/BollardTestSupport"),
        .testTarget(
            name: "BollardEndToEndTests",
            dependencies: ["bollard", "BollardIngest", "BollardStore", "BollardLog", "BollardLedger", "BollardVerify", "BollardTestSupport"]
        ),
        .testTarget(name: "BollardCoreTests", dependencies: ["BollardCore", "BollardTestSupport"]),
        .testTarget(name: "BollardXMLTests", dependencies: ["BollardXML", "BollardTestSupport"]),
        .testTarget(name: "BollardEPCISTests", dependencies: ["BollardEPCIS", "BollardTestSupport"]),
        .testTarget(name: "BollardEDITests", dependencies: ["BollardEDI", "BollardTestSupport"]),
        .testTarget(name: "BollardLogTests", dependencies: ["BollardLog", "BollardTestSupport"]),
        .testTarget(name: "BollardLedgerTests", dependencies: ["BollardLedger", "BollardTestSupport"]),
        .testTarget(name: "BollardVerifyTests", dependencies: ["BollardVerify", "BollardTestSupport"]),
        .testTarget(name: "BollardStoreTests", dependencies: ["BollardStore", "BollardLog", "BollardTestSupport"]),
        .testTarget(
            name: "BollardServerTests",
            dependencies: [
                "BollardServer", "BollardCore", "BollardIngest", "BollardStore", "BollardLog", "BollardLedger", "BollardVerify",
                "BollardTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "BollardIngestTests",
            dependencies: ["BollardIngest", "BollardStore", "BollardEPCIS", "BollardEDI", "BollardLog", "BollardLedger", "BollardVerify", "BollardTestSupport"]
        ),
        .testTarget(
            name: "BollardViewerTests",
            dependencies: ["BollardViewer", "BollardIngest", "BollardStore", "BollardLedger", "BollardLog", "BollardVerify", "BollardCore",
                           "BollardTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
