#!/usr/bin/env bash
# validate-manifest.sh - validates the Teams app manifest offline.
#
# usage: tools/teams/validate-manifest.sh [--manifest FILE] [--filled] [--app-id GUID]
#   default manifest: manifests/manifest.json; ${{MICROSOFT_APP_ID}} is replaced by a dummy GUID (or --app-id).
#   --filled: the manifest is a packaged one (real ids, no placeholders); used by package-app.sh.
# Checks: the JSON schema of its manifestVersion (bundled in npm @microsoft/app-manifest, no network),
#   icons (color.png 192x192, outline.png 32x32 and only white or transparent pixels), one command
#   list per bot scope, ids are placeholders in the repo.
# environment: TOOLS_HOME (default /tmp/opsbot-tools): the npm packages go to $TOOLS_HOME/teams.
# exit code: 0 valid, 1 invalid, 2 usage or setup error.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../npm-deps.sh
source "$HERE/../npm-deps.sh"
DEPS="${TOOLS_HOME:-/tmp/opsbot-tools}/teams"

case "${1:-}" in -h|--help) sed -n '2,12p' "$0"; exit 0 ;; esac
command -v node >/dev/null || { echo "validate-manifest.sh: node is not installed" >&2; exit 2; }
# @microsoft/app-manifest needs fs-extra at run time but declares it only as a devDependency.
ensure_npm_deps "$DEPS" @microsoft/app-manifest@1.1.2 fs-extra@9.1.0 || { echo "validate-manifest.sh: npm install failed" >&2; exit 2; }
exec node "$HERE/validate-manifest.mjs" --deps "$DEPS" "$@"
