#!/usr/bin/env bash
# Makes the screenshots of the clerk's "first hour" guide (docs/src/can-bo/gio-dau-tien.md)
# by following it on a fresh folder: the terminal output of `init` and of a `check` with
# the guide's four mistakes, and the preview's error overlay at 1280 px.
# Needs a release build, Debian's chromium and fonts-noto-mono (Vietnamese in a fixed-width
# font, as in a Windows console), and tests/js/node_modules (npm ci in tests/js).
# Usage: scripts/guide-screenshots.sh [OUT_DIR]  (default docs/src/can-bo/anh)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
out="$(realpath -m "${1:-docs/src/can-bo/anh}")"
mkdir -p "$out"
cargo build --release --quiet
cargo build --release --quiet --example guide_list
bin="$PWD/target/release/vinhdanh"
list="$PWD/target/release/examples/guide_list"
work="$(mktemp -d)"
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export NO_COLOR=1 VINHDANH_TODAY=2026-03-20

# The terminal, as a page: the command, then what it printed.
terminal() { # title file.txt out.png
  python3 - "$1" "$2" "$work/term.html" <<'PY'
import html, sys
title, src, dst = sys.argv[1:]
text = open(src, encoding="utf-8").read()
open(dst, "w", encoding="utf-8").write(f"""<!doctype html><meta charset=utf-8>
<style>body{{margin:0;background:#1e1e1e}}pre{{margin:0;padding:16px 20px;color:#e6e6e6;
font:15px/1.5 'Noto Sans Mono','Noto Mono','DejaVu Sans Mono',monospace;white-space:pre-wrap;width:1240px}}
b{{color:#8ae234}}</style><pre><b>C:\\Users\\VanPhong\\Documents&gt; {html.escape(title)}</b>
{html.escape(text)}</pre>""")
PY
  node "$repo/scripts/guide-shot.mjs" "file://$work/term.html" "$3" 1280 pre
}

cd "$work"
"$bin" init trang-xa --commune "Tân Việt" --province "Hải Phòng" \
  --base-url https://thiduakhenthuong.tanviet.gov.vn > init.txt
cd trang-xa
terminal 'vinhdanh init trang-xa --commune "Tân Việt" --province "Hải Phòng" --base-url https://thiduakhenthuong.tanviet.gov.vn' \
  ../init.txt "$out/gio-dau-init.png"

# The preview runs from step 3 on (here from the first decision, before its mistakes).
"$bin" serve --drafts --port 18777 > ../serve.txt 2>&1 &
serve_pid=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:18777/ > /dev/null 2>&1 && break; sleep 0.2; done

# Step 4 with the guide's four mistakes (see tests/it/guide.rs, which checks they are four).
rel="$("$bin" new quyet-dinh "Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc năm 2026" | sed -e 's/^đã tạo //' -e 's/ (.*//')"
slug="$(basename "$rel" .md)"
"$list" content/awards/2026-2-danh-sach.xlsx
sleep 2
"$list" content/awards/2026-2-danh-sach.xlsx --mistake
python3 - "$rel" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding="utf-8").read()
start = t.index("# Mỗi người hoặc tập thể được khen là một khối [[recipients]].")
end = t.index("+++", start)
t = t[:start] + t[end:]
t = t.replace('# recipients_file = "danh-sach.xlsx"', 'recipients_file = "2026-2-danh-sach.xlsx"')
t = "".join(l for l in t.splitlines(True) if not l.startswith("draft = true"))
lines = t.splitlines(True)
for i, l in enumerate(lines):
    if l.startswith("title = "):
        v = l[len("title = "):].split("\n")[0]
        lines[i] = "title = “" + v.strip().strip('"') + "”\n"
    elif l.startswith("date = "):
        y, m, d = l.split()[2].split("-")
        lines[i] = f"date = {d}.{m}.{y}\n"
    elif l.startswith("type = "):
        lines[i] = "tpye" + l[4:]
open(p, "w", encoding="utf-8").write("".join(lines))
PY
"$bin" check > ../check.txt 2>&1 || true
terminal "vinhdanh check" ../check.txt "$out/gio-dau-check.png"

# The preview after the same mistakes are saved: the overlay over the last good page.
sleep 3
node "$repo/scripts/guide-shot.mjs" "http://127.0.0.1:18777/khen-thuong/$slug/" "$out/gio-dau-xem-truoc-loi.png" 1280 page
echo "screenshots in $out"
