#!/usr/bin/env bash
# Proves that this package can be used as a dependency and that the README's library quick start
# compiles as written: makes a throwaway package that depends on this one by path, puts the first
# Swift block under "## Library quick start" in README.md into its main.swift, and builds it
# (a dependency with unsafe flags or missing products fails here). Scratch: .build-dependent/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/Sources/QuickStart"
awk '/^## Library quick start/ { section = 1; next }
     section && /^```swift/ { code = 1; next }
     code && /^```/ { exit }
     code { print }' README.md >"$WORK/Sources/QuickStart/main.swift"
if [ ! -s "$WORK/Sources/QuickStart/main.swift" ]; then
  echo "README.md has no Swift block under '## Library quick start'" >&2
  exit 1
fi
cat >"$WORK/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "QuickStart",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "FineTuning", path: "$ROOT")],
    targets: [
        .executableTarget(
            name: "QuickStart",
            dependencies: [
                .product(name: "FineTuning", package: "FineTuning"),
                .product(name: "FineTuningProviders", package: "FineTuning"),
            ]),
    ]
)
MANIFEST
swift build --package-path "$WORK" --scratch-path "$ROOT/.build-dependent" --product QuickStart
echo "dependent package: built the README's library quick start against $ROOT by path"
