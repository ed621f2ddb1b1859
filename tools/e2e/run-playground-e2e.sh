#!/usr/bin/env bash
# run-playground-e2e.sh - end-to-end conversation with the running bot through the Microsoft 365 Agents
# Playground (Teams emulator) web UI in headless Chromium, then checks every reply.
#
# usage: tools/e2e/run-playground-e2e.sh [options] [BOT_URL] [-- E2E_OPTIONS...]
#   BOT_URL         the bot's messaging endpoint on loopback (default http://127.0.0.1:3978/api/messages);
#                   the bot must already be running, with inbound auth off (no app id: development mode)
#   -f FILE         step file (default tools/e2e/steps.txt; format described at its top)
#   -o DIR          output folder (default artifacts/e2e): transcript.{json,txt}, screenshots/, logs, summary.txt
#   --api           drive the playground's HTTP API instead of the web UI (no browser, no screenshots)
#   --on TEXT CMD   once TEXT shows up in the conversation (a reply, an update), run CMD once in the background
#                   (output in OUT/on.log); for what a step cannot do, e.g. importing data mid-conversation
#   after --         options passed on to e2e.sh as they are (e.g. --settle-ms 2500 --timeout-ms 20000)
# environment: PLAYGROUND_E2E  path to e2e.sh (default: ../shared/tools/playground/e2e.sh beside the repo)
#              PLAYGROUND_HOME where e2e.sh installs the playground (its default /tmp/m365-playground-e2e)
# exit code: 0 every step passed; 1 a check failed; 2 setup problem (bot not listening, e2e.sh not found).
# e2e.sh starts and stops the playground and Chromium itself; this script starts only a read-only file host for
# tools/e2e/files on 127.0.0.1:${E2E_FILES_PORT:-3979} (the download links of the files the steps send).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/../.." && pwd))"

BOT_URL="http://127.0.0.1:3978/api/messages"
STEPS_FILE="$HERE/steps.txt"
OUT="$ROOT/artifacts/e2e"
MODE=--ui
PASS_ON=()
ON_TEXT=""
ON_CMD=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -f) STEPS_FILE="$2"; shift 2 ;;
    -o) OUT="$2"; shift 2 ;;
    --api) MODE=--api; shift ;;
    --on) ON_TEXT="$2"; ON_CMD="$3"; shift 3 ;;
    --ui) MODE=--ui; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    --) shift; PASS_ON=("$@"); break ;;
    -*) echo "run-playground-e2e.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) BOT_URL="$1"; shift ;;
  esac
done

E2E="${PLAYGROUND_E2E:-$ROOT/../shared/tools/playground/e2e.sh}"
if [[ ! -f "$E2E" ]]; then
  echo "run-playground-e2e.sh: e2e.sh not found at $E2E; set PLAYGROUND_E2E to its path" >&2; exit 2
fi
[[ -f "$STEPS_FILE" ]] || { echo "run-playground-e2e.sh: no step file $STEPS_FILE" >&2; exit 2; }

# Is the bot listening? Any HTTP status will do (an empty POST may well be refused with 400).
code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$BOT_URL" || true)"
if [[ -z "$code" || "$code" == 000 ]]; then
  echo "run-playground-e2e.sh: nothing answers at $BOT_URL; start the bot first" >&2; exit 2
fi

# A fresh output folder: only one run's transcript and screenshots in it. Only a folder that is empty or
# holds a previous run (a transcript) is cleared, never anything else.
if [[ -d "$OUT" && -n "$(ls -A "$OUT")" ]]; then
  if [[ -f "$OUT/transcript.json" || -f "$OUT/summary.txt" || -f "$OUT/playground.stdout" ]]; then rm -rf "$OUT"
  else echo "run-playground-e2e.sh: $OUT is not empty and not a previous e2e output; choose another -o" >&2; exit 2; fi
fi
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"

# The step file's lines without their "## checks" part are the steps for e2e.sh.
STEPS=()
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ -z "${line//[[:space:]]/}" || "$line" =~ ^[[:space:]]*# ]] && continue
  step="${line%%##*}"
  step="${step#"${step%%[![:space:]]*}"}"; step="${step%"${step##*[![:space:]]}"}"
  # ::custom:FILE is relative to the step file's folder (the driver reads it from wherever it runs).
  if [[ "$step" == ::custom:* && "${step#::custom:}" != /* ]]; then step="::custom:$(dirname "$STEPS_FILE")/${step#::custom:}"; fi
  [[ -n "$step" ]] && STEPS+=("$step")
done < "$STEPS_FILE"
[[ ${#STEPS[@]} -gt 0 ]] || { echo "run-playground-e2e.sh: no steps in $STEPS_FILE" >&2; exit 2; }

# The driver appends every websocket frame of the conversation to ws_conversation.jsonl as it arrives.
ON_PID=""
if [[ -n "$ON_TEXT" ]]; then
  (
    for _ in $(seq 1 1200); do
      if grep -qF -- "$ON_TEXT" "$OUT/ws_conversation.jsonl" 2>/dev/null; then
        echo "[e2e] saw \"$ON_TEXT\": running $ON_CMD" >&2
        bash -c "$ON_CMD" >"$OUT/on.log" 2>&1; echo "exit code $?" >>"$OUT/on.log"; exit 0
      fi
      sleep 0.5
    done
  ) &
  ON_PID=$!
fi

# Files the steps send to the bot (::custom activities with a download link) are served from tools/e2e/files on loopback.
FILES_PORT="${E2E_FILES_PORT:-3979}"
node "$HERE/serve-files.mjs" "$HERE/files" "$FILES_PORT" >"$OUT/serve-files.log" 2>&1 &
FILES_PID=$!
trap 'kill "$FILES_PID" 2>/dev/null || true' EXIT

echo "[e2e] ${#STEPS[@]} steps from ${STEPS_FILE#"$ROOT"/} against $BOT_URL ($MODE), output ${OUT#"$ROOT"/}" >&2
START=$(date +%s)
set +e
bash "$E2E" -o "$OUT" "$MODE" ${PASS_ON[@]+"${PASS_ON[@]}"} "$BOT_URL" -- "${STEPS[@]}"
DRIVER_RC=$?
set -e
if [[ -n "$ON_PID" ]]; then kill "$ON_PID" 2>/dev/null || true; wait "$ON_PID" 2>/dev/null || true; fi
echo "[e2e] driver exit code $DRIVER_RC after $(( $(date +%s) - START )) s" >&2
if [[ -n "$ON_TEXT" ]]; then
  # What the --on command printed, so a failed run on CI shows whether it ran and what it did.
  if [[ -f "$OUT/on.log" ]]; then sed 's/^/[e2e] --on: /' "$OUT/on.log" >&2
  else echo "[e2e] --on: \"$ON_TEXT\" never showed up; \"$ON_CMD\" did not run" >&2; fi
fi

if [[ ! -f "$OUT/transcript.json" ]]; then
  echo "run-playground-e2e.sh: no transcript was written (see $OUT/playground.stdout)" >&2; exit 1
fi
set +e
node "$HERE/check-transcript.mjs" "$STEPS_FILE" "$OUT/transcript.json" | tee "$OUT/summary.txt"
CHECK_RC=${PIPESTATUS[0]}
set -e
# e2e.sh: 1 driver error, 2 a step got no reply, 3 playground warnings (bot unreachable, HTTP errors).
# The per-step checks above already judged replies; a driver error or warnings fail the run on their own
# unless every failing step is marked pending.
if [[ $CHECK_RC != 0 ]]; then exit 1; fi
if [[ $DRIVER_RC == 1 || $DRIVER_RC == 3 ]]; then
  if grep -q '^PENDING' "$OUT/summary.txt"; then
    echo "[e2e] driver exit code $DRIVER_RC comes from steps marked pending; not failing the run" >&2
  else
    echo "[e2e] FAILED: driver exit code $DRIVER_RC (see $OUT/transcript.txt)" >&2; exit 1
  fi
fi
if [[ $MODE == --ui ]]; then echo "[e2e] OK: screenshots in ${OUT#"$ROOT"/}/screenshots" >&2; else echo "[e2e] OK" >&2; fi
