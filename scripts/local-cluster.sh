#!/usr/bin/env bash
# A cluster of real silo processes on this machine, clustered through Azure Table storage on Azurite
# (what the compose file and Kubernetes do, on loopback).
#   scripts/local-cluster.sh start N   builds, starts Azurite (if needed) and N silos; prints the gateways
#   scripts/local-cluster.sh stop      stops the silos started here
# Env: CLUSTER_ID (default local), RESULTS (result folder, default <repo>/out/cluster), SILO_THREADS (torch threads
# per silo, default 1), SILO_CAPACITY (items at once per silo, default 1).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$REPO_ROOT/.cluster"
CLUSTER_ID="${CLUSTER_ID:-local}"
RESULTS="${RESULTS:-$REPO_ROOT/out/cluster}"
SILO_DLL="$REPO_ROOT/src/StyleTransfer.Silo/bin/Release/net10.0/StyleTransfer.Silo.dll"

start() {
  local n="${1:-2}"
  "$REPO_ROOT/scripts/azurite.sh" install >/dev/null
  "$REPO_ROOT/scripts/azurite.sh" status >/dev/null || "$REPO_ROOT/scripts/azurite.sh" start
  dotnet build "$REPO_ROOT/src/StyleTransfer.Cli" -c Release -v q -nologo >/dev/null
  mkdir -p "$STATE" "$RESULTS"
  local gateways=()
  for i in $(seq 1 "$n"); do
    Cluster__Mode=AzureStorage Cluster__ClusterId="$CLUSTER_ID" Cluster__ServiceId="$CLUSTER_ID" \
    Cluster__SiloPort=$((11110 + i)) Cluster__GatewayPort=$((30010 + i)) Cluster__AdvertisedAddress=127.0.0.1 \
    Http__Port=$((8080 + i)) ConnectionStrings__AzureStorage="UseDevelopmentStorage=true" \
    ResultStore__Kind=local ResultStore__Path="$RESULTS" GpuNode__Device=cpu \
    GpuNode__TorchThreads="${SILO_THREADS:-1}" GpuNode__Capacity="${SILO_CAPACITY:-1}" DOTNET_PROCESSOR_COUNT="${SILO_THREADS:-1}" OMP_NUM_THREADS="${SILO_THREADS:-1}" DOTNET_gcServer="${SILO_GC_SERVER:-0}" \
      nohup dotnet "$SILO_DLL" >"$STATE/silo$i.log" 2>&1 &
    echo $! >"$STATE/silo$i.pid"
    gateways+=("127.0.0.1:$((30010 + i))")
  done
  for i in $(seq 1 "$n"); do
    for _ in $(seq 1 60); do
      curl -fs "http://127.0.0.1:$((8080 + i))/healthz/ready" >/dev/null 2>&1 && break
      sleep 1
    done
    curl -fs "http://127.0.0.1:$((8080 + i))/healthz/ready" >/dev/null || { echo "silo $i not ready; see $STATE/silo$i.log" >&2; exit 1; }
  done
  echo "$n silos ready; results in $RESULTS"
  echo "--cluster $(IFS=,; echo "${gateways[*]}") --cluster-id $CLUSTER_ID --service-id $CLUSTER_ID"
  echo "web view: http://127.0.0.1:8081/ (silo i on port 8080+i)"
}

stop() {
  shopt -s nullglob
  for pidfile in "$STATE"/silo*.pid; do
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  echo "silos stopped"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  *) echo "usage: $0 start N | stop" >&2; exit 2 ;;
esac
