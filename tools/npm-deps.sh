# Sourced by the tools/ scripts: installs pinned npm packages into a cache folder outside the repo.
# usage: ensure_npm_deps DIR NAME@VERSION...
#   Installs only when a package is missing or at another version (idempotent, a no-op offline once
#   installed). --ignore-scripts: no install script runs, so nothing (e.g. a browser) is downloaded.
ensure_npm_deps() {
  local dir="$1"; shift
  local missing=() spec name want have
  for spec in "$@"; do
    name="${spec%@*}"; want="${spec##*@}"
    have="$(node -p "require('$dir/node_modules/$name/package.json').version" 2>/dev/null || true)"
    [[ "$have" == "$want" ]] || missing+=("$spec")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "[tools] npm install into $dir: ${missing[*]}" >&2
  mkdir -p "$dir"
  [[ -f "$dir/package.json" ]] || echo '{"name":"opsbot-tools-cache","private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "$@" >&2)
}
