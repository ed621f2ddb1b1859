#!/usr/bin/env bash
# validate-cards.sh - checks Adaptive Card JSON files: Adaptive Cards 1.5 JSON schema, size, and a render
# with the `adaptivecards` renderer in headless Debian Chromium (screenshots kept, not committed).
#
# usage: tools/cards/validate-cards.sh [options] DIR|FILE...
#   DIR             a folder of card files (*.json), each one Adaptive Card object as AdaptiveCardRenderer makes it
#   --out DIR       screenshots (<card>.png) and report.txt / report.json (default: artifacts/cards)
#   --max-kb N      size limit for the compact JSON, as UTF-8 and as UTF-16 bytes (default 80)
#   --no-render     schema and size only (no browser needed)
#   --width N       card width in the screenshots (default 500)
#   --self-test     run on tools/cards/samples: the valid ones must pass, every invalid one (and a
#                   generated oversized card) must fail
# environment: TOOLS_HOME (default /tmp/opsbot-tools): npm packages go to $TOOLS_HOME/cards.
#   CHROMIUM (default /usr/bin/chromium). As root, Debian's chromium and a CJK font (fonts-wqy-microhei)
#   are installed with apt-get when missing; a browser is never downloaded.
# exit code: 0 all cards pass, 1 some card fails, 2 usage or setup error.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../npm-deps.sh
source "$HERE/../npm-deps.sh"
DEPS="${TOOLS_HOME:-/tmp/opsbot-tools}/cards"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

RENDER=1 SELF_TEST=0 ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    --no-render) RENDER=0; ARGS+=("$1"); shift ;;
    --self-test) SELF_TEST=1; shift ;;
    --out|--max-kb|--width) ARGS+=("$1" "$2"); shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

command -v node >/dev/null || { echo "validate-cards.sh: node is not installed" >&2; exit 2; }
# playwright-core: --ignore-scripts (in ensure_npm_deps) keeps it from ever fetching a browser.
ensure_npm_deps "$DEPS" ajv@8.20.0 ajv-formats@3.0.1 adaptivecards@3.0.6 playwright-core@1.65.1 \
  || { echo "validate-cards.sh: npm install failed" >&2; exit 2; }

if [[ $RENDER == 1 ]]; then
  apt_install() {
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      echo "[cards] apt-get install $*" >&2
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >&2
    else
      echo "validate-cards.sh: missing Debian package(s) $*; install them or use --no-render" >&2; return 1
    fi
  }
  [[ -x "$CHROMIUM" ]] || apt_install chromium || exit 2
  # Without a CJK font, Chinese text renders as boxes in the screenshots (the checks still work).
  fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fonts-wqy-microhei \
    || echo "validate-cards.sh: warning: no CJK font; Chinese text will show as boxes in screenshots" >&2
fi

run() { node "$HERE/validate-cards.mjs" --deps "$DEPS" --chromium "$CHROMIUM" "$@"; }

if [[ $SELF_TEST == 0 ]]; then
  exec node "$HERE/validate-cards.mjs" --deps "$DEPS" --chromium "$CHROMIUM" "${ARGS[@]}"
fi

# ---------- self-test ----------
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
OUT_ROOT="$(cd "$HERE/../.." && pwd)/artifacts/cards-self-test"
RC=0
echo "== self-test: valid samples must pass"
run "${ARGS[@]}" --out "$OUT_ROOT/valid" "$HERE/samples/valid" || { echo "SELF-TEST FAILED: a valid sample was rejected"; RC=1; }
echo "== self-test: every invalid sample must fail"
cp "$HERE"/samples/invalid/*.json "$TMP/"
node -e '
  const text = "x".repeat(45 * 1024);   // 90 KB as UTF-16: over the 80 KB limit
  const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text, wrap: true }] };
  require("fs").writeFileSync(process.argv[1], JSON.stringify(card));' "$TMP/oversized.json"
set +e
run "${ARGS[@]}" --out "$OUT_ROOT/invalid" "$TMP"
INV=$?
set -e
if [[ $INV != 1 ]]; then echo "SELF-TEST FAILED: expected exit code 1 for the invalid samples, got $INV"; RC=1; fi
PASSED="$(node -e 'const r = require(process.argv[1]); console.log(r.filter((x) => x.ok).map((x) => x.file).join(" "))' "$OUT_ROOT/invalid/report.json")"
if [[ -n "$PASSED" ]]; then echo "SELF-TEST FAILED: invalid samples passed: $PASSED"; RC=1; fi
[[ $RC == 0 ]] && echo "self-test OK: valid samples pass, all $(ls "$TMP" | wc -l) invalid samples fail"
exit $RC
