#!/usr/bin/env bash
# validate-manifest.sh - validates the Teams app manifest offline.
#
# usage: tools/teams/validate-manifest.sh [--manifest FILE] [--filled] [--app-id GUID]
#   default manifest: manifests/manifest.json; ${{MICROSOFT_APP_ID}} is replaced by a dummy GUID (or --app-id).
#   --filled: the manifest is a packaged one (real ids, no placeholders); used by package-app.sh.
#   --self-test: also makes broken copies (bad scope, missing privacyUrl, wrong icon size) and checks they fail.
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

case "${1:-}" in -h|--help) sed -n '2,13p' "$0"; exit 0 ;; esac
command -v node >/dev/null || { echo "validate-manifest.sh: node is not installed" >&2; exit 2; }
# @microsoft/app-manifest needs fs-extra at run time but declares it only as a devDependency.
ensure_npm_deps "$DEPS" @microsoft/app-manifest@1.1.2 fs-extra@9.1.0 || { echo "validate-manifest.sh: npm install failed" >&2; exit 2; }
if [[ "${1:-}" != --self-test ]]; then
  exec node "$HERE/validate-manifest.mjs" --deps "$DEPS" "$@"
fi

# ---------- self-test: the repo manifest passes, broken copies fail ----------
SRC="$(cd "$HERE/../../manifests" && pwd)"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
node "$HERE/validate-manifest.mjs" --deps "$DEPS" --manifest "$SRC/manifest.json" || { echo "SELF-TEST FAILED: the repo manifest is invalid"; exit 1; }
RC=0
for broken in bad-scope no-privacy-url outline-192; do
  mkdir -p "$TMP/$broken"; cp "$SRC"/manifest.json "$SRC"/color.png "$SRC"/outline.png "$TMP/$broken/"
  case $broken in
    bad-scope) sed -i 's/"scopes": \["personal", "team", "groupChat"\]/"scopes": ["personal", "team", "meeting"]/' "$TMP/$broken/manifest.json" ;;
    no-privacy-url) sed -i '/"privacyUrl"/d' "$TMP/$broken/manifest.json" ;;
    outline-192) cp "$SRC/color.png" "$TMP/$broken/outline.png" ;;
  esac
  if node "$HERE/validate-manifest.mjs" --deps "$DEPS" --manifest "$TMP/$broken/manifest.json" >/dev/null 2>&1; then
    echo "SELF-TEST FAILED: the broken manifest ($broken) passed"; RC=1
  else echo "self-test: broken manifest ($broken) rejected, as it should be"; fi
done
[[ $RC == 0 ]] && echo "self-test OK"
exit $RC
