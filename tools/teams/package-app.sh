#!/usr/bin/env bash
# package-app.sh - builds the Teams app package (the zip you upload / sideload into Teams).
#
# usage: tools/teams/package-app.sh [--app-id GUID] [-o OUT.zip]
#   --app-id GUID   the bot's Microsoft App ID (Azure Bot registration / Entra app); default: $MICROSOFT_APP_ID
#   -o OUT.zip      output (default: artifacts/opsbot-teams-app.zip in the repo)
# Fills ${{MICROSOFT_APP_ID}} in manifests/manifest.json (Teams app id and bots[0].botId), validates the
# result with validate-manifest.sh --filled, then zips manifest.json, color.png and outline.png at the zip
# root (deterministic: fixed timestamps and order). Refuses to run without an id or with a non-GUID id.
# exit code: 0 built, 1 invalid manifest, 2 usage error (no or bad id).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP_ID="${MICROSOFT_APP_ID:-}"
OUT="$ROOT/artifacts/opsbot-teams-app.zip"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-id) APP_ID="${2:-}"; shift 2 ;;
    --app-id=*) APP_ID="${1#*=}"; shift ;;
    -o) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "package-app.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -z "$APP_ID" ]]; then
  cat >&2 <<'MSG'
package-app.sh: no App ID. Give the bot's Microsoft App ID (a GUID, from the Azure Bot registration:
  Configuration > Microsoft App ID) with --app-id GUID or the environment variable MICROSOFT_APP_ID.
MSG
  exit 2
fi
if ! [[ "$APP_ID" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
  echo "package-app.sh: App ID \"$APP_ID\" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hex digits)" >&2
  exit 2
fi
if [[ "$APP_ID" =~ ^[0-]+$ ]]; then
  echo "package-app.sh: App ID \"$APP_ID\" is the nil GUID, not a real App ID" >&2
  exit 2
fi

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
SRC="$ROOT/manifests"
python3 - "$SRC/manifest.json" "$STAGE/manifest.json" "$APP_ID" <<'PY'
import json, re, sys
src, dst, app_id = sys.argv[1:4]
text = open(src, encoding="utf-8-sig").read()
filled = re.sub(r"\$\{\{\s*MICROSOFT_APP_ID\s*\}\}", app_id.lower(), text)
json.loads(filled)  # fail early on broken JSON
open(dst, "w", encoding="utf-8").write(filled)
PY
cp "$SRC/color.png" "$SRC/outline.png" "$STAGE/"

"$HERE/validate-manifest.sh" --manifest "$STAGE/manifest.json" --filled --app-id "$APP_ID" || {
  echo "package-app.sh: the filled manifest is invalid; no package written" >&2; exit 1; }

mkdir -p "$(dirname "$OUT")"
python3 - "$STAGE" "$OUT" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1:3]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, name), "rb") as f:
            z.writestr(info, f.read())
os.replace(tmp, out)
PY
echo "package: $OUT ($(stat -c %s "$OUT") bytes, sha256 $(sha256sum "$OUT" | cut -c1-16)..., app id $APP_ID)"
