#!/usr/bin/env bash
# Local Azure Storage emulator (Azurite) for the Azure result store and its tests.
#   scripts/azurite.sh install   npm-installs azurite into <repo>/.tools/azurite
#   scripts/azurite.sh start     starts blob/queue/table on 127.0.0.1:10000-10002 in the background
#   scripts/azurite.sh stop      stops the instance started by 'start'
#   scripts/azurite.sh status    says whether it is running
# Env: AZURITE_IN_MEMORY=1 keeps data in memory instead of <repo>/.azurite.
set -euo pipefail

AZURITE_VERSION="3.35.0" # 3.37+ needs Node 22
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOL_DIR="$REPO_ROOT/.tools/azurite"
DATA_DIR="$REPO_ROOT/.azurite"
PID_FILE="$DATA_DIR/azurite.pid"
LOG_FILE="$DATA_DIR/azurite.log"
HOST="127.0.0.1"
BLOB_PORT=10000
QUEUE_PORT=10001
TABLE_PORT=10002
BIN="$TOOL_DIR/node_modules/.bin/azurite"

port_open() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

cmd_install() {
  if [[ -x "$BIN" ]] && [[ "$("$BIN" --version 2>/dev/null)" == "$AZURITE_VERSION" ]]; then
    echo "azurite $AZURITE_VERSION already installed in $TOOL_DIR"
    return 0
  fi
  command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ first" >&2; exit 1; }
  mkdir -p "$TOOL_DIR"
  [[ -f "$TOOL_DIR/package.json" ]] || echo '{ "name": "styletransfer-azurite", "private": true }' > "$TOOL_DIR/package.json"
  npm install --prefix "$TOOL_DIR" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION"
  echo "azurite $("$BIN" --version) installed in $TOOL_DIR"
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    echo "azurite already running (pid $pid) on $HOST:$BLOB_PORT"
    return 0
  fi
  if port_open "$BLOB_PORT"; then
    echo "something already listens on $HOST:$BLOB_PORT (not started by this script); using it"
    return 0
  fi
  [[ -x "$BIN" ]] || cmd_install
  mkdir -p "$DATA_DIR"
  local storage=(--location "$DATA_DIR")
  [[ "${AZURITE_IN_MEMORY:-0}" == "1" ]] && storage=(--inMemoryPersistence)
  # --disableTelemetry: Azurite otherwise phones home on every run (and logs failures offline).
  nohup "$BIN" "${storage[@]}" \
    --blobHost "$HOST" --blobPort "$BLOB_PORT" \
    --queueHost "$HOST" --queuePort "$QUEUE_PORT" \
    --tableHost "$HOST" --tablePort "$TABLE_PORT" \
    --skipApiVersionCheck --loose --disableTelemetry \
    >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 150); do
    if port_open "$BLOB_PORT"; then
      echo "azurite started (pid $(cat "$PID_FILE")), blob on http://$HOST:$BLOB_PORT, log $LOG_FILE"
      return 0
    fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "azurite exited during start; last log lines:" >&2
      tail -n 20 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    sleep 0.2
  done
  echo "azurite did not answer on $HOST:$BLOB_PORT within 30 s; see $LOG_FILE" >&2
  exit 1
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    echo "azurite not running (no live pid in $PID_FILE)"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PID_FILE"
  echo "azurite stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then echo "running (pid $pid)"; else echo "not running"; return 1; fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
