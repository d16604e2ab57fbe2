#!/usr/bin/env bash
# Installs PostgreSQL from Debian when missing (the gateway's store tests and two-instance test run
# against a real server; scripts/start-test-postgres.sh starts a private one). Fast when it is there.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "installing postgresql"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
