#!/usr/bin/env bash
# Full-build timings for README's performance table: generates synthetic sites with
# the generator crate (crates/vinhdanh-gen, run as the gen_site example), builds each
# RUNS times (release binary), with the output on disk and on tmpfs
# (/dev/shm), and prints the median wall time and median peak memory (/usr/bin/time).
# Then, on the 10,000-record site (or the largest size asked for), edits one record and
# builds again into the same output, printing how many files that second build wrote.
#
#   usage: scripts/bench-build.sh [RUNS] [SIZES...]
#   e.g.   scripts/bench-build.sh 5 1000 10000 100000
#
# BENCH_DIR (default /tmp/vinhdanh-bench) holds the generated sites and the disk outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet
# The generator as the root package's example, so that it links the library built just above
# (`-p vinhdanh-gen` alone would build the library again, without the preview server).
cargo build --release --quiet --example gen_site
bin=./target/release/vinhdanh
work=${BENCH_DIR:-/tmp/vinhdanh-bench}
shm=/dev/shm/vinhdanh-bench
mkdir -p "$work" "$shm"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf "| records | output on | wall time (median of %s) | peak memory (median) | files | output size |\n" "$runs"
printf "|---:|---|---:|---:|---:|---:|\n"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  [ -d "$site" ] || ./target/release/examples/gen_site "$n" "$site" >/dev/null
  for where in tmpfs disk; do
    if [ "$where" = disk ]; then out="$work/out-$n"; else out="$shm/out-$n"; fi
    rm -rf "$out"
    times=(); mems=()
    for _ in $(seq "$runs"); do
      # A full build each time: every page, feed, search shard and data file is rendered;
      # the previous output (from the run before) is replaced atomically.
      r=$( { /usr/bin/time -f "%e %M" "$bin" --root "$site" build --output "$out" >/dev/null; } 2>&1 | tail -1)
      times+=("${r% *}"); mems+=("${r#* }")
    done
    t=$(printf "%s\n" "${times[@]}" | median)
    m=$(printf "%s\n" "${mems[@]}" | median)
    files=$(find "$out" -type f | wc -l)
    size=$(du -sh --apparent-size "$out" | cut -f1)
    printf "| %s | %s | %s s | %s MiB | %s | %s |\n" "$n" "$where" "$t" "$((${m%.*} / 1024))" "$files" "$size"
    [ "$where" = tmpfs ] && rm -rf "$out"
  done
done

# Writes only what changed: one record edited, then a second build into the same output.
n=10000
printf "%s\n" "${sizes[@]}" | grep -qx 10000 || n=${sizes[-1]}
site="$work/site-$n"
copy="$shm/edit-$n"
out="$shm/edit-out-$n"
rm -rf "$copy" "$out"
cp -r "$site" "$copy"
"$bin" --root "$copy" build --output "$out" >/dev/null
record=$(find "$copy/content/awards" -name '*.md' | sort | awk 'NR == 1')
sed -i '0,/^summary = "/s//summary = "(sửa) /' "$record"
grep -q '(sửa)' "$record" || printf '\nMột đoạn thêm.\n' >> "$record"
echo
echo "one record edited ($(basename "$record")), second build into the same output:"
"$bin" --root "$copy" build --output "$out"
rm -rf "$copy" "$out" "$shm"
