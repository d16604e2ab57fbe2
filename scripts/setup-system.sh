#!/usr/bin/env bash
# Installs the Debian packages the project needs (libcurl headers for the transport, libffi for
# native eval metrics, pkg-config that finds both) when they are missing. Needs root (or sudo) on
# a fresh machine; a no-op afterwards.
set -euo pipefail
PACKAGES=(libcurl4-openssl-dev libffi-dev pkg-config)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
