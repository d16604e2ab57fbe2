#!/usr/bin/env bash
# Installs what the gateway's end-to-end tests and benchmark need, when missing: Chromium (the
# dashboard test) and wrk (scripts/bench-serve.sh) from Debian, and the virtualenv .venv-gateway with
# the pinned PyPI packages of scripts/gateway/*.txt (the official openai SDK, pillow, FastAPI and
# uvicorn for the benchmark's reference). Fast when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=(chromium wrk python3-venv)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x .venv-gateway/bin/python ]; then
  python3 -m venv .venv-gateway
fi
wanted="$(cat scripts/gateway/*.txt | sha256sum)"
if [ "$(cat .venv-gateway/.requirements.sha256 2>/dev/null)" != "$wanted" ]; then
  echo "installing the gateway's pinned Python packages"
  .venv-gateway/bin/pip install -q --disable-pip-version-check $(printf -- '-r %s ' scripts/gateway/*.txt)
  echo "$wanted" > .venv-gateway/.requirements.sha256
fi
