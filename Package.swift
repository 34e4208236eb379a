// swift-tools-version: 6.0
import PackageDescription

/// Routewijzer is built on the Swift toolchain alone: no package dependencies.
/// The pure targets (DutchText, Retrieval, Dialogue, Wire) never do I/O beyond thin loaders at the edge;
/// Server is the only one that owns sockets and threads, with CSystem for the Linux calls Glibc lacks.
let package = Package(
    name: "Routewijzer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "routewijzer", targets: ["routewijzer"]),
        .executable(name: "routewijzer-bench", targets: ["routewijzer-bench"]),
    ],
    targets: [
        .target(name: "DutchText"),
        .target(name: "Retrieval", dependencies: ["DutchText"]),
        .target(name: "Dialogue", dependencies: ["DutchText", "Retrieval", "Wire"]),
        .target(name: "Wire"),
        .target(name: "CSystem"),
        .target(name: "Server", dependencies: ["CSystem", "DutchText", "Dialogue", "Wire"]),
        .executableTarget(name: "routewijzer", dependencies: ["DutchText", "Retrieval", "Dialogue", "Wire", "Server"]),
        .executableTarget(name: "routewijzer-bench", dependencies: ["DutchText", "Retrieval", "Dialogue", "Wire", "Server"]),
        .testTarget(name: "DutchTextTests", dependencies: ["DutchText"]),
        .testTarget(name: "RetrievalTests", dependencies: ["Retrieval", "DutchText"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue", "Retrieval", "DutchText"]),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Dialogue", "Wire", "Retrieval"]),
        .testTarget(name: "RoutewijzerCLITests", dependencies: ["routewijzer"]),
    ],
    swiftLanguageModes: [.v6]
)
