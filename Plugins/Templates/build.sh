#!/bin/sh
# Builds lib__NAME__.so (lib__NAME__.dylib on macOS) from __NAME__.c against finetune_plugin.h.
set -eu
cd "$(dirname "$0")"
extension=so
[ "$(uname)" = Darwin ] && extension=dylib
${CC:-cc} -std=c11 -Wall -Wextra -pedantic -Werror -shared -fPIC -I . -o "lib__NAME__.$extension" __NAME__.c
echo "built $(pwd)/lib__NAME__.$extension"
