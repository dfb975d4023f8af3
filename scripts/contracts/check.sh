#!/usr/bin/env bash
# Runs the client tooling of scripts/contracts against the committed contracts (called by ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
npm ci --no-audit --no-fund --loglevel=error
npm run --silent check
