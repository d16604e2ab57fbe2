#!/usr/bin/env bash
# Installs moto's server (pinned in scripts/requirements-moto.txt) into .deps/moto, the AWS peer the
# bedrock tests start on 127.0.0.1. Idempotent: a no-op when the pinned version is there.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.deps/moto
WANT=$(grep -E '^moto==' scripts/requirements-moto.txt)
if [ -x "$VENV/bin/moto_server" ] && "$VENV/bin/pip" freeze 2>/dev/null | grep -qx "$WANT"; then
  exit 0
fi
mkdir -p .deps
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -r scripts/requirements-moto.txt
