#!/usr/bin/env bash
# OPTIONS answered per second over UDP by Routing.SipGateway and by kamailio (stateless sl_send_reply), side by side on
# one machine under the same sipp load. Each server runs pinned to one core (--server-core), sipp to another
# (--load-core); both servers are started once per run and measured in turn at each offered rate, alternating which
# goes first, so noise from other work on the machine hits both. See benchmarks/README.md for the figures.
#
#   benchmarks/sip-options/run.sh [--rates 2000,5000,10000,20000] [--duration 15] [--settle 35] [--runs 1]
#                                 [--warm-up 5] [--out DIR] [--no-build] [--scenario FILE] [--port 15070]
#   benchmarks/sip-options/run.sh --summary results.tsv [more.tsv ...]   # the tables again, e.g. over several outputs
#
# Needs sipp and kamailio (scripts/install-test-tools.sh sipp kamailio), taskset and the .NET SDK. Every process it
# starts is stopped when a run ends, also on failure or Ctrl+C.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo_root/benchmarks/sip-options"

rates="2000,5000,10000,20000"
duration=15
settle=35
runs=1
warm_up=5
out=""
build=1
scenario="$repo_root/tests/Routing.Sip.Tests/Sipp/options-uac.xml"
port=15070
server_core=1
load_core=0
summary_only=()

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while (($#)); do
    case "$1" in
        --rates) rates="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --settle) settle="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --warm-up) warm_up="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --scenario) scenario="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --server-core) server_core="$2"; shift 2 ;;
        --load-core) load_core="$2"; shift 2 ;;
        --summary) shift; summary_only=("$@"); break ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

# The summary: per server and offered rate, the spread over runs; then the highest rate each answered without a
# failure, and the gateway's peak over kamailio's.
summarize() {
    awk -F'\t' -v rates="$rates" '
    FNR == 1 { next }
    {
        key = $2 SUBSEP $3
        if (!(key in amin)) { amin[key] = $5 + 0; amax[key] = $5 + 0; cmin[key] = $10 + 0; cmax[key] = $10 + 0 }
        failed[key] = failed[key] (failed[key] == "" ? "" : ", ") $7
        if ($5 < amin[key]) amin[key] = $5; if ($5 > amax[key]) amax[key] = $5
        if ($10 < cmin[key]) cmin[key] = $10; if ($10 > cmax[key]) cmax[key] = $10
        if ($5 > peak[$2, $1]) peak[$2, $1] = $5
        if ($7 == 0 && $3 > clean[$2, $1]) clean[$2, $1] = $3
        if (!($1 in seen)) { seen[$1] = 1; runs[++nruns] = $1 }
    }
    function spread(lo, hi) { return lo == hi ? lo : lo "–" hi }
    END {
        print ""
        print "| server | offered/s | answered/s | failed (each run) | server CPU per 1,000 OPTIONS (ms) |"
        print "|---|---|---|---|---|"
        nrates = split(rates, rate, ",")
        split("kamailio gateway", server, " ")
        for (s = 1; s <= 2; s++) {
            for (r = 1; r <= nrates; r++) {
                key = server[s] SUBSEP rate[r]
                if (key in amin) {
                    printf "| %s | %s | %s | %s | %s |\n", server[s], rate[r], spread(amin[key], amax[key]), failed[key], spread(cmin[key], cmax[key])
                }
            }
        }
        print ""
        for (r = 1; r <= nruns; r++) {
            run = runs[r]
            printf "run %s: peak answered/s gateway %d, kamailio %d (ratio %.2f); highest offered rate with 0 failed: gateway %s, kamailio %s\n", \
                run, peak["gateway", run], peak["kamailio", run], peak["kamailio", run] ? peak["gateway", run] / peak["kamailio", run] : 0, \
                clean["gateway", run] ? clean["gateway", run] : "none", clean["kamailio", run] ? clean["kamailio", run] : "none"
        }
    }' "$@"
}

if ((${#summary_only[@]})); then
    summarize "${summary_only[@]}"
    exit 0
fi

kamailio_bin="$(command -v kamailio || echo /usr/sbin/kamailio)"
for tool in sipp taskset dotnet "$kamailio_bin"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool is missing (scripts/install-test-tools.sh sipp kamailio installs sipp and kamailio)" >&2
        exit 1
    fi
done

out="${out:-${TMPDIR:-/tmp}/sip-options-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
results="$out/results.tsv"
printf 'run\tserver\toffered_per_s\tsent_per_s\tanswered_per_s\tanswered\tfailed\tretransmissions\tcpu_ms\tcpu_ms_per_1000\n' > "$results"
clock_ticks="$(getconf CLK_TCK)"
kamailio_port="$port"
gateway_port=$((port + 2))

gateway_dir="$repo_root/src/Routing.SipGateway/bin/Release/net10.0"
if ((build)); then
    dotnet build -c Release "$repo_root/src/Routing.SipGateway" -nologo -v quiet > "$out/build.log" 2>&1 \
        || { echo "the Release build failed; see $out/build.log" >&2; exit 1; }
fi
[[ -f "$gateway_dir/Routing.SipGateway.dll" ]] || { echo "no Release build in $gateway_dir (drop --no-build)" >&2; exit 1; }

# The pids this script started; stopped at the end of every run and on any exit.
started=()

stop_started() {
    local pid children
    for pid in "${started[@]}"; do
        children="$(pgrep -P "$pid" || true)"
        kill "$pid" $children 2>/dev/null || true
    done
    for pid in "${started[@]}"; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    started=()
}
trap stop_started EXIT
trap 'exit 130' INT TERM

# Waits until UDP port $1 is bound by process $2 (30 s at most).
await_port() {
    local port="$1" pid="$2"
    for _ in $(seq 300); do
        kill -0 "$pid" 2>/dev/null || { echo "the server on port $port exited during start-up; see $out" >&2; return 1; }
        if [[ -n "$(ss -Hlun "sport = :$port" 2>/dev/null)" ]]; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on UDP port $port after 30 s" >&2
    return 1
}

# User + system CPU time in milliseconds of process $1 and its children (kamailio's workers are processes).
cpu_ms() {
    local pid ticks=0 stat fields
    for pid in "$1" $(pgrep -P "$1" || true); do
        stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
        # Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
        read -ra fields <<< "${stat##*) }"
        ticks=$((ticks + fields[11] + fields[12]))
    done
    echo $((ticks * 1000 / clock_ticks))
}

start_kamailio() {
    local run_dir="$out/run$1/kamailio"
    mkdir -p "$run_dir"
    sed "s/127\.0\.0\.1:5070/127.0.0.1:$kamailio_port/" "$here/kamailio.cfg" > "$run_dir/kamailio.cfg"
    # -DD keeps the main process in the foreground (its pid is ours), -E logs to stderr, -Y keeps its runtime files here.
    taskset -c "$server_core" "$kamailio_bin" -f "$run_dir/kamailio.cfg" -DD -E -Y "$run_dir" > "$run_dir/kamailio.log" 2>&1 &
    kamailio_pid=$!
    started+=("$kamailio_pid")
    await_port "$kamailio_port" "$kamailio_pid"
}

start_gateway() {
    local log="$out/run$1/gateway.log"
    mkdir -p "$out/run$1"
    # Started from its build folder so its appsettings.json applies; OPTIONS never reach the cluster, so a dummy
    # address and token do.
    (cd "$gateway_dir" && exec taskset -c "$server_core" dotnet Routing.SipGateway.dll \
        --Sip:Transport:ListenAddress=127.0.0.1 --Sip:Transport:UdpPort="$gateway_port" --Sip:Transport:TcpEnabled=false \
        --Gateway:Cluster:Addresses:0=http://127.0.0.1:1 --Gateway:Cluster:Token=x) > "$log" 2>&1 &
    gateway_pid=$!
    started+=("$gateway_pid")
    await_port "$gateway_port" "$gateway_pid"
}

# sipp's stat file → "sent/s answered/s answered failed(offered - answered) retransmissions". The rates are taken
# between the samples at about 1 s and at the end of sending (--duration), so neither the ramp nor the wait for the
# last retransmissions dilutes them; the counts cover the whole run.
read_stats() {
    local stat_file="$1" offered="$2"
    awk -F';' -v duration="$duration" -v offered="$offered" '
        function epoch(field,   parts) { split(field, parts, "\t"); return parts[3] + 0 }
        NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; next }
        {
            t = epoch($column["CurrentTime"]) - epoch($column["StartTime"])
            sent = $column["OutgoingCall(C)"]; answered = $column["SuccessfulCall(C)"]
            retrans = $column["Retransmissions(C)"]
            if (t <= 1.5) { t0 = t; sent0 = sent; answered0 = answered }
            if (t <= duration + 0.5) { t1 = t; sent1 = sent; answered1 = answered }
        }
        END {
            span = t1 - t0
            if (span <= 0) { span = 1 }
            printf "%.0f %.0f %d %d %d\n", (sent1 - sent0) / span, (answered1 - answered0) / span, answered, offered - answered, retrans
        }' "$stat_file"
}

# Offers $3 OPTIONS per second to $2's port for --duration seconds (or $4 seconds) and appends a row to results.tsv
# unless $5 is "warm-up".
measure() {
    local run="$1" server="$2" rate="$3" seconds="${4:-$duration}" label="${5:-}"
    local server_port server_pid calls dir before after cpu sipp_pid sent answered_per_s answered failed retrans
    if [[ "$server" == kamailio ]]; then server_port="$kamailio_port"; server_pid="$kamailio_pid"; else server_port="$gateway_port"; server_pid="$gateway_pid"; fi
    calls=$((rate * seconds))
    dir="$out/run$run/${label:-$rate}-$server"
    mkdir -p "$dir"
    before="$(cpu_ms "$server_pid")"
    # -l: no cap on calls open at once, so an overloaded server sees the whole offered rate (and its retransmissions).
    # -nd: a call that fails ends without sipp's default BYE, so the servers see OPTIONS only. -p: a port of our own,
    # not sipp's default 5060, which other SIP software on the machine may use.
    (cd "$dir" && exec taskset -c "$load_core" sipp "127.0.0.1:$server_port" -sf "$scenario" -t u1 -i 127.0.0.1 \
        -p "$((port + 10))" -nd -r "$rate" -rp 1000 -m "$calls" -l "$calls" -nostdin -timeout "$((seconds + 40))s" \
        -trace_stat -stf stat.csv -fd 1 -trace_screen -screen_file screen.txt) > "$dir/sipp.out" 2>&1 &
    sipp_pid=$!
    started+=("$sipp_pid")
    wait "$sipp_pid" || true # sipp exits 1 when a call failed; the counts below say how many
    unset 'started[-1]'
    # The server's CPU is read --settle seconds after sipp ends: a stateful server (the gateway keeps each OPTIONS'
    # transaction for Timer J, 32 s over UDP) ends its transactions then, which is part of what an OPTIONS costs, and
    # the next phase starts with empty tables. A stateless one (kamailio's sl_send_reply) only idles.
    if [[ "$label" != warm-up ]]; then sleep "$settle"; fi
    after="$(cpu_ms "$server_pid")"
    if ! kill -0 "$server_pid" 2>/dev/null; then
        local status=0
        wait "$server_pid" || status=$?
        echo "$server exited during the $rate/s phase with status $status; see $out/run$run" >&2
        exit 1
    fi
    [[ -s "$dir/stat.csv" ]] || { echo "sipp wrote no statistics; see $dir/sipp.out" >&2; exit 1; }
    read -r sent answered_per_s answered failed retrans <<< "$(read_stats "$dir/stat.csv" "$calls")"
    cpu=$((after - before))
    if [[ "$label" == warm-up ]]; then
        ((answered > 0)) || { echo "$server answered none of the warm-up's OPTIONS; see $dir" >&2; exit 1; }
        return 0
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$server" "$rate" "$sent" "$answered_per_s" "$answered" \
        "$failed" "$retrans" "$cpu" "$(awk -v c="$cpu" -v a="$answered" 'BEGIN { printf "%.1f", a ? c * 1000 / a : 0 }')" >> "$results"
    printf '  run %s  %-9s %6s/s offered  %6s/s sent  %6s/s answered  %7s failed  %6s retrans  %5s ms CPU\n' \
        "$run" "$server" "$rate" "$sent" "$answered_per_s" "$failed" "$retrans" "$cpu"
}

IFS=',' read -ra rate_list <<< "$rates"
echo "results in $out"
for ((run = 1; run <= runs; run++)); do
    start_kamailio "$run"
    start_gateway "$run"
    # The same warm-up for both: the gateway's JIT compiles its hot path to tier 1; kamailio loses nothing by it.
    measure "$run" kamailio 2000 "$warm_up" warm-up
    measure "$run" gateway 2000 "$warm_up" warm-up
    sleep "$settle" # the warm-up's transactions end before the first phase
    for i in "${!rate_list[@]}"; do
        if (((run + i) % 2)); then order=(gateway kamailio); else order=(kamailio gateway); fi
        for server in "${order[@]}"; do
            measure "$run" "$server" "${rate_list[$i]}"
        done
    done
    # Peak resident memory of each server over the run (kamailio: its processes together).
    for server_pid in "$kamailio_pid" "$gateway_pid"; do
        awk '/VmHWM/ { kb += $2 } END { printf "  peak RSS %d MiB", kb / 1024 }' "/proc/$server_pid/status" \
            $(pgrep -P "$server_pid" | sed 's#.*#/proc/&/status#')
        [[ "$server_pid" == "$kamailio_pid" ]] && echo " kamailio (its processes summed)" || echo " gateway"
    done
    stop_started
done

summarize "$results" | tee "$out/summary.md"
