#!/usr/bin/env bash
# Starts the server(s) from a Release build on 127.0.0.1 only, runs one harness scenario against
# them end to end, optionally cross-checks the health throughput with h2load, and stops every
# process it started. Bounded: the harness gets --max-seconds (default 900), then it is stopped.
# At the end it prints the servers' CPU time per answered RPC for each phase (read from /proc at
# every progress line), the figure that the load generator's own CPU on this machine cannot blur.
#
#   loadtests/run.sh [--servers N] [--cache Embedded|None] [--h2load SECONDS] [--max-seconds S] [--keep-db] -- <run options>
#   loadtests/run.sh --cold-start [-- <cold-start options>]
#
# Examples:
#   loadtests/run.sh -- --scenario pharmacy --rate 500 --duration 60
#   loadtests/run.sh --servers 2 -- --scenario verify --mode closed --concurrency 64      (shared SQLite file + one Redis)
#   loadtests/run.sh --h2load 20 -- --scenario health --mode closed --concurrency 64 --connections 4 --duration 20
# More: dotnet loadtests/Verifier.LoadTests/bin/Release/net10.0/Verifier.LoadTests.dll run --help
set -euo pipefail
cd "$(dirname "$0")/.."

servers=1 cache=Embedded h2load_seconds=0 max_seconds=900 cold_start=0 keep_db=0
while [ $# -gt 0 ]; do
    case "$1" in
        --servers) servers=$2; shift 2 ;;
        --cache) cache=$2; shift 2 ;;
        --h2load) h2load_seconds=$2; shift 2 ;;
        --max-seconds) max_seconds=$2; shift 2 ;;
        --cold-start) cold_start=1; shift ;;
        --keep-db) keep_db=1; shift ;;
        --) shift; break ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

dotnet build -c Release -v q --nologo loadtests/Verifier.LoadTests >/dev/null
bin=loadtests/Verifier.LoadTests/bin/Release/net10.0
if [ "$cold_start" = 1 ]; then
    # The harness starts and stops the server process itself (it must see the very first SERVING).
    exec timeout "$max_seconds" dotnet "$bin/Verifier.LoadTests.dll" cold-start "$@"
fi

work=$(mktemp -d /tmp/verifier-loadtest.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ "$keep_db" = 1 ] && echo "store kept: $work/verifier.db" >&2 || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

server_args=(--db "$work/verifier.db" --demo --cache "$cache"
    --Logging:LogLevel:Default=Warning
    # The harness measures the service, not the per-client rate limit.
    --Verifier:RateLimit:PermitsPerSecond=1000000 --Verifier:RateLimit:Burst=1000000)
if [ "$servers" -gt 1 ]; then
    # Several instances share one store and must share one cache, or their answers could differ.
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no >"$work/redis.log" 2>&1 &
    pids+=($!)
    server_args=(--db "$work/verifier.db" --demo --cache Redis --redis "127.0.0.1:$redis_port"
        --Logging:LogLevel:Default=Warning --Verifier:RateLimit:PermitsPerSecond=1000000 --Verifier:RateLimit:Burst=1000000)
fi

targets=()
for i in $(seq 1 "$servers"); do
    port=$(free_port)
    "$bin/Verifier.Server" --urls "http://127.0.0.1:$port" "${server_args[@]}" >"$work/server-$i.log" 2>&1 &
    pids+=($!)
    targets+=("http://127.0.0.1:$port")
done
target_list=$(IFS=,; echo "${targets[*]}")
echo "servers: $target_list (logs in $work)" >&2

# The harness waits for SERVING itself (the servers warm up first).
status=0
server_cpu_ticks() { local t=0 pid; for pid in "${pids[@]}"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
# Each progress line ("[phase  Ns] kind RATE/s ... | kind RATE/s ...") is passed on and noted with the servers' CPU ticks at that moment.
timeout "$max_seconds" dotnet "$bin/Verifier.LoadTests.dll" run --target "$target_list" "$@" 2> >(
    while IFS= read -r line; do
        printf '%s\n' "$line" >&2
        if [[ "$line" =~ ^\[([a-z-]+)\ +[0-9]+s\] ]]; then
            answered=0; for count in $(grep -oE ' [0-9]+/s' <<<"$line" | tr -d ' /s'); do answered=$((answered + count)); done
            echo "${BASH_REMATCH[1]} $answered $(server_cpu_ticks)" >>"$work/server-cpu.txt"
        fi
    done) || status=$?
sleep 0.2
if [ -s "$work/server-cpu.txt" ]; then
    # Per phase: CPU ticks between its first and last progress line over the RPCs answered in between.
    awk -v hz="$(getconf CLK_TCK)" '
        $1 != phase { if (phase != "") report(); phase = $1; first = $3; n = 0; sum = 0; next }
        { sum += $2; last = $3; n++ }
        function report() { if (n > 1 && sum > 0) printf "server CPU per RPC, %s: %.0f us (%d RPCs/s)\n", phase, (last - first) / hz * 1e6 / sum, sum / n }
        END { report() }' "$work/server-cpu.txt" >&2
fi

if [ "$h2load_seconds" -gt 0 ]; then
    # An empty HealthCheckRequest as one gRPC frame: no compression, length 0.
    printf '\x00\x00\x00\x00\x00' >"$work/health-request.bin"
    echo "h2load: health checks for $h2load_seconds s, 4 connections × 16 streams, against ${targets[0]}" >&2
    h2load -D "$h2load_seconds" --warm-up-time=2 -c 4 -m 16 -t 1 -d "$work/health-request.bin" \
        -H 'content-type: application/grpc' -H 'te: trailers' "${targets[0]}/grpc.health.v1.Health/Check" | grep -E 'finished in|requests:|status codes:'
fi
exit $status
