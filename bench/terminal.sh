#!/usr/bin/env bash
# terminal.sh - what silian costs over a slow link, and the same for visidata.
#
# Builds the release binary, fills a demo store (--scale 400, about 100k visits),
# runs the workbench on the visits tab under tmux (100x30, zh, TERM=xterm-256color)
# with measure-terminal.sh, and prints one table: first frame, bytes per Down
# (with and without a scroll), per PageDown, per tab switch, idle CPU / bytes /
# context switches, peak RSS, binary size. When visidata can be installed from
# PyPI into a temporary virtual environment, it runs on the same visits exported
# as CSV and gets a column of its own, with the ratio silian/visidata.
#
# Usage: bench/terminal.sh   (env: SCALE [400], RUNS [1], NKEYS [50], MEASURE [path
# to measure-terminal.sh], NO_VISIDATA=1 to skip visidata, VD_VENV=DIR to use
# visidata from a virtual environment made before, STORE=PATH to measure a
# demo store made before at that SCALE instead of making one)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-400} RUNS=${RUNS:-1} NKEYS=${NKEYS:-50}
MEASURE=${MEASURE:-../shared/tools/measure-terminal.sh}
[ -x "$MEASURE" ] || MEASURE=/work/shared/tools/measure-terminal.sh
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/silian-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cargo build --release --quiet
BIN=$PWD/target/release/silian
DB=$WORK/db
if [ -n "${STORE:-}" ]; then DB=$STORE; else "$BIN" --db "$DB" demo --scale "$SCALE" >/dev/null; fi
"$BIN" --db "$DB" export visit "$WORK/visits.csv" >/dev/null

# SERVED=1: the workbench as a client of `silian serve` (issue 7), the way an
# office runs it; the server's own idle wakeups and memory are reported too.
SERVER_PID=
if [ -n "${SERVED:-}" ]; then
  "$BIN" --db "$DB" serve 2>"$WORK/serve.log" &
  SERVER_PID=$!
  trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
  while [ ! -S "$DB.sock" ]; do sleep 0.05; done
fi

# The list shows ROWS-6 rows and keeps 2 rows of margin: the first Downs move
# only the highlight, the rest scroll the list.
ROWS=30 COLS=100
NOSCROLL=$(( ROWS - 6 - 2 - 1 ))

# The workbench opens on the overview; the wrapper presses 6 (visits) from
# inside the pane once it has started: after its first frame (under 100 ms)
# and well before the full read ends, which the key must not hold back
# (until 2026-12-03 it waited 0.5 s, which the full read then could not beat).
cat > "$WORK/silian.sh" <<WRAP
#!/bin/sh
(sleep 0.15; tmux send-keys -t "\$TMUX_PANE" 6) &
exec "$BIN" --db "$DB"
WRAP
chmod +x "$WORK/silian.sh"

measure() {  # label first ready quit keys -- cmd...
  local label=$1; shift
  OUTDIR=$WORK/out RUNS=$RUNS NKEYS=$NKEYS COLS=$COLS ROWS=$ROWS KEYS=$KEYS \
    APP_LANG=C.UTF-8 "$MEASURE" "$label" "$@" >"$WORK/$label.log" 2>&1 || true
}

# First frame: the overview (shown while the records are read); ready: the
# visits tab counting every visit, i.e. everything read.
NVISITS=$(( $(wc -l < "$WORK/visits.csv") - 1 ))
KEYS="Down NPage Tab" measure silian "总览" "走访记录 ($NVISITS)" q -- "$WORK/silian.sh"

server_figures() {  # idle context switches over 10 s, peak RSS
  local pid=$1 before after
  before=$(awk '/ctxt_switches/ {n += $2} END {print n}' /proc/"$pid"/task/*/status)
  sleep 10
  after=$(awk '/ctxt_switches/ {n += $2} END {print n}' /proc/"$pid"/task/*/status)
  echo "server ($pid): idle 10 s context switches $((after - before)), peak RSS $(awk '/VmHWM/ {print $2}' /proc/"$pid"/status) kB"
}
[ -n "$SERVER_PID" ] && SERVER_LINE=$(server_figures "$SERVER_PID")

VD=
if [ -n "${VD_VENV:-}" ] && [ -x "$VD_VENV/bin/vd" ]; then ln -s "$VD_VENV" "$WORK/venv"; fi
if [ -z "${NO_VISIDATA:-}" ] && { [ -x "$WORK/venv/bin/vd" ] || { python3 -m venv "$WORK/venv" >/dev/null 2>&1 &&
   "$WORK/venv/bin/pip" install --quiet visidata >/dev/null 2>&1; }; }; then
  VD=$("$WORK/venv/bin/vd" --version 2>/dev/null | head -n 1)
  HEADER=$(head -n 1 "$WORK/visits.csv" | sed 's/^\xEF\xBB\xBF//' | cut -d, -f2)
  # visidata draws its header at once and reads the rows on another thread;
  # it has read them all when its status line counts them.
  KEYS="Down NPage" measure visidata "$HEADER" "$NVISITS rows" q -- "$WORK/venv/bin/vd" "$WORK/visits.csv"
fi

median() { sort -n | awk '{a[NR]=$1} END {if(!NR){print "NA";exit} print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
# Per-key figures of run 1: median bytes of the first Downs (highlight moves),
# of the later ones (the list scrolls), average of all.
col() {  # label column-name -> its median over the runs of summary.tsv
  local f=$WORK/out/$1/summary.tsv
  [ -f "$f" ] || { echo NA; return; }
  awk -F'\t' -v c="$2" 'NR==1 {for (i=1;i<=NF;i++) if ($i==c) k=i} NR>1 && k {print $k}' "$f" | median
}
downs() {  # label first|rest
  local f=$WORK/out/$1/run1/perkey_Down.txt
  [ -f "$f" ] || { echo NA; return; }
  if [ "$2" = first ]; then head -n "$NOSCROLL" "$f" | median; else tail -n +"$(( NOSCROLL + 1 ))" "$f" | median; fi
}
row() {  # name silian visidata
  local ratio=NA
  if [[ $2 =~ ^[0-9.]+$ && $3 =~ ^[0-9.]+$ ]] && [ "$(awk -v b="$3" 'BEGIN{print (b>0)}')" = 1 ]; then
    ratio=$(awk -v a="$2" -v b="$3" 'BEGIN{printf "%.2f", a/b}')
  fi
  printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$ratio"
}
size=$(stat -c %s "$BIN")
[ -n "$SERVER_PID" ] && echo "silian through silian serve; $SERVER_LINE"
echo "silian at scale $SCALE ($(($(wc -l < "$WORK/visits.csv") - 1)) visits), ${COLS}x${ROWS}, $(date -u +%F), $(nproc) cores; ${VD:-visidata not measured}"
echo
echo "| median of $RUNS runs (per-key medians: run 1) | silian | visidata | silian/visidata |"
echo "|---|---|---|---|"
row "first frame (ms)" "$(col silian first_ms)" "$(col visidata first_ms)"
row "all records read, visits tab complete (ms)" "$(col silian ready_ms)" "$(col visidata ready_ms)"
row "bytes at start" "$(col silian startup_bytes)" "$(col visidata startup_bytes)"
row "Down, highlight moves (B, median)" "$(downs silian first)" "$(downs visidata first)"
row "Down, list scrolls (B, median)" "$(downs silian rest)" "$(downs visidata rest)"
row "Down, average of $NKEYS (B)" "$(col silian Down_avg_B)" "$(col visidata Down_avg_B)"
row "PageDown, average (B)" "$(col silian NPage_avg_B)" "$(col visidata NPage_avg_B)"
row "tab switch, average (B)" "$(col silian Tab_avg_B)" "NA"
row "idle 10 s: CPU (ms)" "$(col silian idle_cpu_ms)" "$(col visidata idle_cpu_ms)"
row "idle 10 s: bytes" "$(col silian idle_bytes)" "$(col visidata idle_bytes)"
row "idle 10 s: context switches" "$(col silian idle_ctxsw)" "$(col visidata idle_ctxsw)"
row "peak RSS (kB)" "$(col silian vmhwm_kB)" "$(col visidata vmhwm_kB)"
row "binary size (B)" "$size" "NA"
