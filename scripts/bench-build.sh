#!/usr/bin/env bash
# Full-build timings for README: generates synthetic sites with gen_site, builds each
# several times (release), output on disk and on tmpfs, and prints the median wall time
# and median peak memory.
#   usage: scripts/bench-build.sh [RUNS] [SIZES...]     e.g. scripts/bench-build.sh 3 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
sizes=("${@:-1000 10000}")
[ $# -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet
cargo build --release --quiet --example gen_site
work=${BENCH_DIR:-/tmp/vinhdanh-bench}
shm=/dev/shm/vinhdanh-bench
mkdir -p "$work" "$shm"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf "| records | output on | wall time (median of %s) | peak memory |\n|---|---|---|---|\n" "$runs"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  [ -d "$site" ] || ./target/release/examples/gen_site "$n" "$site" >/dev/null
  for where in disk tmpfs; do
    if [ "$where" = disk ]; then out="$work/out-$n"; else out="$shm/out-$n"; fi
    times=(); mems=()
    for _ in $(seq "$runs"); do
      r=$( { /usr/bin/time -f "%e %M" ./target/release/vinhdanh --root "$site" build --output "$out" >/dev/null; } 2>&1 | tail -1)
      times+=("${r% *}"); mems+=("${r#* }")
    done
    t=$(printf "%s\n" "${times[@]}" | median)
    m=$(printf "%s\n" "${mems[@]}" | median)
    printf "| %s | %s | %s s | %s MiB |\n" "$n" "$where" "$t" "$((${m%.*} / 1024))"
  done
done
rm -rf "$shm"
