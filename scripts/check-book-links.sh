#!/usr/bin/env bash
# Fails when the built book (default docs/book) links to a local page or anchor that does not
# exist. mdBook itself only warns about broken entries of SUMMARY.md, not about links between
# chapters. Usage: scripts/check-book-links.sh [BOOK_DIR]
set -euo pipefail
book="${1:-$(dirname "$0")/../docs/book}"
python3 - "$book" <<'PY'
import html.parser, os, sys, urllib.parse

book = os.path.abspath(sys.argv[1])
if not os.path.isfile(os.path.join(book, "index.html")):
    sys.exit(f"check-book-links: no built book in {book}")

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src") and tag in ("a", "link", "img", "script"):
                self.links.append(value)

pages = {}
for root, _, files in os.walk(book):
    for f in files:
        if f.endswith(".html"):
            path = os.path.join(root, f)
            p = Page()
            with open(path, encoding="utf-8") as fh:
                p.feed(fh.read())
            pages[path] = p

broken = []
for path, page in sorted(pages.items()):
    for link in page.links:
        parsed = urllib.parse.urlsplit(link)
        if parsed.scheme or link.startswith("//"):
            continue  # another site, mailto:, …: not ours to check
        target = path
        if parsed.path:
            target = os.path.normpath(os.path.join(os.path.dirname(path),
                                                   urllib.parse.unquote(parsed.path)))
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not os.path.exists(target):
                broken.append(f"{os.path.relpath(path, book)}: {link} (no such file)")
                continue
        frag = urllib.parse.unquote(parsed.fragment)
        if frag and target.endswith(".html"):
            if frag not in pages[target].ids:
                broken.append(f"{os.path.relpath(path, book)}: {link} (no such anchor)")

for b in broken:
    print("broken link:", b)
checked = sum(len(p.links) for p in pages.values())
print(f"check-book-links: {len(pages)} pages, {checked} links, {len(broken)} broken")
sys.exit(1 if broken else 0)
PY
