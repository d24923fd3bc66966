#!/usr/bin/env bash
# The window benchmark of issue 8 (not a test: it prints numbers for BENCHMARKS.md).
#
# With a 100,000-message Inbox (the store benchmark's generated mail, kept in a profile):
#  - the time from starting the process to the first frame showing the Inbox's rows,
#    found by taking screenshots of the window until its list shows text;
#  - the resident memory (VmRSS, VmHWM) after dragging the list's scrollbar from the top
#    to the bottom and back, which makes every part of the list load as it passes.
#
# usage: benches/gui.sh [MESSAGES]        needs Xvfb, xdotool and ImageMagick
# The binary is the release build people install. The account points at a closed port on
# 127.0.0.1, so nothing is fetched and the network is never touched. Besides wall-clock
# times it prints the CPU time the process had used by the first frame, which a busy
# machine inflates far less than the wall clock.
set -euo pipefail
cd "$(dirname "$0")/.."

messages=${1:-100000}
target=${CARGO_TARGET_DIR:-target}
home=$(realpath -m "$target/gui-bench-home")
build=(--release)
mkdir -p "$home/mail"

echo "== the store: $messages messages in $home/mail (kept between runs)"
TIDINGS_BENCH_MESSAGES=$messages TIDINGS_BENCH_DIR="$home/mail" \
    cargo bench --bench store | grep -E "ingest|first page \(50\)" || true
cargo build --bin tidings "${build[@]}" 2>/dev/null
binary="$target/release/tidings"

# The store benchmark's account, as a POP3 account on a closed local port.
cat > "$home/accounts.toml" <<'EOF'
[[account]]
name = "bench"
email = "bench@example.test"
display_name = "Bench"
protocol = "pop3"

[account.incoming]
host = "127.0.0.1"
port = 9
security = "plain"
username = "bench@example.test"

[account.outgoing]
host = "127.0.0.1"
port = 9
security = "plain"
username = "bench@example.test"
EOF

scratch=$(mktemp -d)
cleanup() {
    [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
    [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
exec 3<> "$scratch/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp </dev/null >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$scratch/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$scratch/display")"
exec 3>&-

# Colours in the list's first row: more than a few once its text is drawn.
first_row_colours() {
    timeout 20 import -window "$1" "$scratch/shot.png" 2>/dev/null || { echo 0; return; }
    convert "$scratch/shot.png" -crop 380x40+240+50 +repage -format %k info: 2>/dev/null || echo 0
}

echo "== start to the first frame showing the Inbox"
start=$(date +%s.%N)
TIDINGS_HOME="$home" ICED_BACKEND=tiny-skia "$binary" >/dev/null 2>"$scratch/stderr" &
app=$!
window=""
while [ -z "$window" ]; do
    window=$(xdotool search --onlyvisible --pid "$app" --name '^Tidings$' 2>/dev/null | head -n1 || true)
done
mapped=$(date +%s.%N)
until [ "$(first_row_colours "$window")" -gt 8 ]; do :; done
shown=$(date +%s.%N)
printf 'window mapped after %.2f s; Inbox rows drawn after %.2f s (screenshots every ~0.1 s)\n' \
    "$(echo "$mapped - $start" | bc)" "$(echo "$shown - $start" | bc)"
grep -E "VmRSS" /proc/$app/status | sed 's/^/at first frame: /'
# utime + stime of the process (fields 14 and 15 of /proc/PID/stat, in clock ticks).
ticks=$(getconf CLK_TCK)
awk -v t="$ticks" '{ printf "CPU time used by the first frame: %.2f s\n", ($14 + $15) / t }' \
    "/proc/$app/stat"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== scrolling the whole list by its scrollbar, down and back up"
# The list pane spans x 230..630 of the 1200-wide window; its scrollbar is its right edge.
bar_x=624
xdotool mousemove --window "$window" $bar_x 52 mousedown 1
for y in $(seq 52 6 720) $(seq 720 -6 52); do
    xdotool mousemove --window "$window" $bar_x "$y"
    sleep 0.05
done
xdotool mouseup 1
sleep 2
grep -E "VmRSS|VmHWM" /proc/$app/status | sed 's/^/after scrolling: /'
import -window "$window" "$target/gui-bench-scrolled.png" && echo "screenshot: $target/gui-bench-scrolled.png"
