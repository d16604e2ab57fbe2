#!/bin/sh
# Builds lib__NAME__.so (lib__NAME__.dylib on macOS) with SwiftPM and copies it beside this script.
# Extra arguments go to `swift build` (for example -c release, or --scratch-path PATH).
set -eu
cd "$(dirname "$0")"
extension=so
[ "$(uname)" = Darwin ] && extension=dylib
swift build --product __NAME__ "$@"
cp "$(swift build --show-bin-path "$@")/lib__NAME__.$extension" .
chmod go-w "lib__NAME__.$extension"
echo "built $(pwd)/lib__NAME__.$extension"
