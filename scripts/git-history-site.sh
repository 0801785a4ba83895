#!/bin/bash
# Usage: scripts/git-history-site.sh SRC DST [CHUNK]
# Copies a generated site (cargo run --release -p vinhdanh-gen -- N SRC) to DST and commits it
# the way a commune would over time: commits adding CHUNK records each (default 40, so 250
# commits for 10,000 records), then 50 commits editing 5 records each (a comment line in the
# front matter), with fixed authors and dates; then packs the repository (git gc), as a clone
# would be. The benchmark of the revision history (docs: Performance) uses it.
set -euo pipefail
src=$1; dst=$2; chunk=${3:-40}
rm -rf "$dst"; mkdir -p "$dst"; cp -a "$src"/. "$dst"/
cd "$dst"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=Clerk GIT_AUTHOR_EMAIL=clerk@example.invalid
export GIT_COMMITTER_NAME=Clerk GIT_COMMITTER_EMAIL=clerk@example.invalid
git init -q -b main .
list=$(mktemp); chunks=$(mktemp -d)
find content -type f | sort > "$list"
git add site.toml
split -l "$chunk" "$list" "$chunks/c."
n=0
at() { local d; d=$(date -d "2024-01-01 +$1 hours" +%s); export GIT_AUTHOR_DATE="@$d +0700" GIT_COMMITTER_DATE="@$d +0700"; }
for c in "$chunks"/c.*; do
  n=$((n+1)); at $n
  xargs git add < "$c"
  git commit -q -m "Thêm hồ sơ đợt $n"
done
for i in $(seq 1 50); do
  n=$((n+1)); at $n
  shuf -n 5 --random-source=<(yes "$i") "$list" | while read -r f; do
    sed -i "1a # Đã rà soát lần $i" "$f"; git add "$f"
  done
  git commit -q -m "Rà soát hồ sơ lần $i"
done
git gc -q
rm -rf "$list" "$chunks"
echo "$(git rev-list --count HEAD) commits in $dst"
