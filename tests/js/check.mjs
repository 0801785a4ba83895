// Browser checks on a built site, driven by tests/it/browser.rs:
//   node tests/js/check.mjs PUBLIC_DIR
// Serves PUBLIC_DIR on 127.0.0.1 with the headers its `_headers` file asks for (so the
// browser enforces the site's own Content-Security-Policy), then in Debian's headless
// Chromium:
//   - every page at 360 px: no console error, no failed request, no horizontal scrolling;
//   - the named pages at 360 and 1280 px: no axe-core violation (WCAG 2.1 A/AA);
//   - typing "nguyen" in the header search box and submitting shows a "Nguyễn" result,
//     and typing in the search page's own box finds as you type;
//   - on the demo site, queries without diacritics find their records ("nguyen van duc"
//     puts Nguyễn Văn Đức first, "dang" finds Đặng, "168/QĐ" the decision), and a query
//     matching nothing shows nothing;
//   - an award decision printed on A4: no navigation, the decision header shown, the
//     recipients table's header row repeats on every page;
//   - on the demo site, a notice page built on an earlier day shows, after its status
//     script, the status of today.
// Prints one line per problem and exits 1 when there is any.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const root = path.resolve(process.argv[2] || "public");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const problems = [];
const problem = (page, what) => problems.push(`${page}: ${what}`);

// ---- static server with the site's own headers --------------------------------------

function parseHeaders(text) {
  const rules = [];
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = { pattern: line.trim(), headers: [] };
      rules.push(current);
    } else if (current) {
      const i = line.indexOf(":");
      current.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}
const headerRules = fs.existsSync(path.join(root, "_headers"))
  ? parseHeaders(fs.readFileSync(path.join(root, "_headers"), "utf8"))
  : [];
const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
};
// The site's CSP says upgrade-insecure-requests; over plain http on loopback the browser
// would then ask for https. Tests keep every other directive as published.
const forLoopback = (name, value) =>
  name.toLowerCase() === "content-security-policy"
    ? value.replace(/;?\s*upgrade-insecure-requests/, "")
    : value;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith("/")) rel += "index.html";
  let file = path.join(root, rel);
  let status = 200;
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(root, "404.html");
    status = 404;
  }
  for (const rule of headerRules) {
    const p = rule.pattern;
    const matches = p.endsWith("*") ? url.pathname.startsWith(p.slice(0, -1)) : url.pathname === p;
    if (matches) for (const [k, v] of rule.headers) res.setHeader(k, forLoopback(k, v));
  }
  res.setHeader("Content-Type", types[path.extname(file)] || "application/octet-stream");
  res.writeHead(status);
  res.end(fs.readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- pages ---------------------------------------------------------------------------

function htmlPages(dir, prefix = "/") {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...htmlPages(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name === "index.html") out.push(prefix);
    else if (entry.name.endsWith(".html")) out.push(prefix + entry.name);
  }
  return out.sort();
}
const pages = htmlPages(root);
const first = (prefix) => pages.find((p) => p.startsWith(prefix) && p !== prefix && !/\/trang\/\d+\/$/.test(p));
const named = {
  home: "/",
  year: first("/nam/"),
  field: first("/linh-vuc/"),
  person: pages.includes("/guong-dien-hinh/nguyen-van-duc/") ? "/guong-dien-hinh/nguyen-van-duc/" : first("/guong-dien-hinh/"),
  award: pages.includes("/khen-thuong/2024-168-qd-ubnd/") ? "/khen-thuong/2024-168-qd-ubnd/" : first("/khen-thuong/"),
  search: "/tim-kiem/?q=nguyen",
  stats: "/thong-ke/",
  data: "/du-lieu/",
  "honour roll": first("/bang-vang/") ? "/bang-vang/" : undefined,
  honouree: pages.includes("/nguoi-duoc-khen/ho-ong-nguyen-van-khanh/") ? "/nguoi-duoc-khen/ho-ong-nguyen-van-khanh/" : first("/nguoi-duoc-khen/"),
  "search with filters": "/tim-kiem/?q=gia+dinh&doi-tuong=H%E1%BB%99+gia+%C4%91%C3%ACnh",
  "not found": "/404.html",
};
for (const [what, url] of Object.entries(named)) if (!url) problem(what, "no such page in the output");

// ---- browser -------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

// One browser tab whose console, script errors and failed requests are reported against
// the page it shows at the time.
async function tab(width) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "vi-VN" });
  const page = await context.newPage();
  const state = { url: "", label: "" };
  page.on("console", (m) => {
    if (m.type() === "error") problem(state.label, `console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problem(state.label, `script error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A request cut short by going on to the next page is not a fault of the site.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problem(state.label, `request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== base + state.url && !r.url().endsWith("/404.html"))
      problem(state.label, `HTTP ${r.status()} for ${r.url()}`);
  });
  const go = async (url) => {
    state.url = url;
    state.label = `${url} @${width}px`;
    await page.goto(base + url, { waitUntil: "load" });
    return state.label;
  };
  return { page, context, go };
}

async function open(width, url) {
  const t = await tab(width);
  const label = await t.go(url);
  return { ...t, label };
}

async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> right=${Math.round(e.getBoundingClientRect().right)}`);
    return `scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px window; ${wide.join(", ")}`;
  });
}

async function axe(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    problem(label, `axe ${v.id} (${v.impact}): ${v.help} — ${where}`);
  }
  return result;
}

// 1. Every page on a phone: no console error, no failed request, no sideways scrolling.
let checked = 0;
{
  const { page, context, go } = await tab(360);
  for (const url of pages) {
    const label = await go(url);
    const o = await overflow(page);
    if (o) problem(label, o);
    checked++;
  }
  await context.close();
}

// 2. axe-core on the named pages, phone and desktop.
let rules = 0;
for (const [, url] of Object.entries(named)) {
  if (!url) continue;
  for (const width of [360, 1280]) {
    const { page, context, label } = await open(width, url);
    if (url.startsWith("/tim-kiem/")) await page.locator("#search-results li").first().waitFor({ timeout: 5000 });
    const o = await overflow(page);
    if (o) problem(label, o);
    const r = await axe(page, label);
    rules += r.passes.length;
    await context.close();
  }
}

// 3. The header search box: type without diacritics, submit, see "Nguyễn".
{
  const { page, context, label } = await open(360, "/");
  try {
    await page.locator("#header-q").fill("nguyen", { timeout: 5000 });
    await page.locator("#header-q").press("Enter");
    await page.waitForURL(/\/tim-kiem\/\?q=nguyen/, { timeout: 5000 });
    await page.locator("#search-results li", { hasText: "Nguyễn" }).first().waitFor({ timeout: 5000 });
  } catch (e) {
    problem(label, `typing "nguyen" in the header search box shows no "Nguyễn" result: ${e.message.split("\n")[0]}`);
  }
  // The search page finds as one types, without pressing Enter.
  try {
    await page.locator("#search-q").fill("dang thi", { timeout: 5000 });
    await page.locator("#search-results li", { hasText: "Đặng Thị" }).first().waitFor({ timeout: 5000 });
  } catch {
    problem(label, `typing "dang thi" in the search page shows no "Đặng Thị" result`);
  }
  await context.close();
}

// 4. On the demo site: queries without diacritics and what they must find, the exact
//    name first; no false hits.
if (pages.includes("/guong-dien-hinh/nguyen-van-duc/")) {
  const { page, context, go } = await tab(360);
  const cases = [
    ["nguyen van duc", "Nguyễn Văn Đức", "/guong-dien-hinh/nguyen-van-duc/"],
    ["Duc", "Nguyễn Văn Đức", null],
    ["dang", "Đặng Thị Hoa", null],
    ["168/QĐ", null, "/khen-thuong/2024-168-qd-ubnd/"],
  ];
  for (const [q, text, href] of cases) {
    const label = await go(`/tim-kiem/?q=${encodeURIComponent(q)}`);
    try {
      await page.locator("#search-results li").first().waitFor({ timeout: 5000 });
      const items = await page.locator("#search-results li").allInnerTexts();
      const links = await page.locator("#search-results li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      if (text && !items.some((t) => t.includes(text))) problem(label, `"${q}" does not find "${text}"`);
      if (href && !links.includes(href)) problem(label, `"${q}" does not link ${href}`);
      if (q === "nguyen van duc" && links[0] !== href) problem(label, `"${q}" does not put ${href} first: ${links[0]}`);
    } catch (e) {
      problem(label, `"${q}" shows no result: ${e.message.split("\n")[0]}`);
    }
  }
  await go("/tim-kiem/?q=khongcoai");
  await page.locator("#search-status").filter({ hasText: /./ }).waitFor({ timeout: 5000 });
  await page.waitForTimeout(300);
  if ((await page.locator("#search-results li").count()) > 0) problem("/tim-kiem/?q=khongcoai", "a query matching nothing shows results");
  await context.close();
}

// 4b. People first (issue 17): the year page opens with who was honoured, names linked to
//     their pages; a recipient row is found with a snippet and the words marked, also with
//     a typing mistake; the results are narrowed by a filter kept in the address.
if (pages.includes("/nguoi-duoc-khen/ho-ong-nguyen-van-khanh/")) {
  const { page, context, go } = await tab(360);
  let label = await go("/nam/2024/");
  const firstTable = await page.evaluate(() => {
    const t = document.querySelector("main table.recipients");
    const h2 = [...document.querySelectorAll("main h2")];
    return t ? { rows: t.querySelectorAll("tbody tr").length, names: [...t.querySelectorAll(".c-name a")].map((a) => a.getAttribute("href")), beforeAll: h2.length < 2 || !!(t.compareDocumentPosition(h2[1]) & Node.DOCUMENT_POSITION_FOLLOWING) } : null;
  });
  if (!firstTable || firstTable.rows < 5) problem(label, `the year page has no names table first: ${JSON.stringify(firstTable)}`);
  else if (!firstTable.names.some((h) => h.startsWith("/nguoi-duoc-khen/"))) problem(label, "the year's names do not link to their pages");
  label = await go("/tim-kiem/?q=khanh");
  try {
    const hit = page.locator("#search-results li", { has: page.locator('a[href="/nguoi-duoc-khen/ho-ong-nguyen-van-khanh/"]') }).first();
    await hit.waitFor({ timeout: 5000 });
    const text = await hit.innerText();
    if (!/Gia đình văn hóa/.test(text) || !/168\/QĐ-UBND/.test(text) || !/2024/.test(text)) problem(label, `the recipient row lacks form, decision or year: ${text}`);
    if ((await hit.locator(".snippet").count()) !== 1) problem(label, "the recipient row has no snippet");
    if ((await hit.locator("mark").first().innerText()) !== "Khánh") problem(label, "the matched word is not marked");
  } catch (e) {
    problem(label, `"khanh" does not find the row of Hộ ông Nguyễn Văn Khánh: ${e.message.split("\n")[0]}`);
  }
  label = await go("/tim-kiem/?q=nguyn");
  try {
    await page.locator("#search-results li", { hasText: "Nguyễn" }).first().waitFor({ timeout: 5000 });
  } catch {
    problem(label, `"nguyn" (one letter missing) does not find "Nguyễn"`);
  }
  label = await go("/tim-kiem/?q=gia+dinh");
  try {
    await page.locator("#search-results li").first().waitFor({ timeout: 5000 });
    const before = await page.locator("#search-results li").count();
    await page.locator("#search-facets summary").click();
    await page.locator("#loc-doi-tuong").selectOption("Hộ gia đình");
    await page.waitForURL(/doi-tuong=/, { timeout: 5000 });
    const after = await page.locator("#search-results li").count();
    const kinds = await page.locator("#search-results li").evaluateAll((ls) => ls.map((l) => l.className));
    if (!(after > 0 && after < before)) problem(label, `the filter does not narrow the results: ${before} → ${after}`);
    if (!kinds.every((k) => k.includes("hit-honour"))) problem(label, `the household filter keeps other results: ${kinds}`);
    const shared = page.url();
    await page.goto(shared, { waitUntil: "load" });
    await page.locator("#search-results li").first().waitFor({ timeout: 5000 });
    if ((await page.locator("#search-results li").count()) !== after) problem(label, "the address does not keep the filter");
    if ((await page.locator("#loc-doi-tuong").inputValue()) !== "Hộ gia đình") problem(label, "the shared address does not show its filter");
  } catch (e) {
    problem(label, `filtering the results failed: ${e.message.split("\n")[0]}`);
  }
  await context.close();
}

// 5. An award decision printed on A4.
if (named.award) {
  const { page, context, label } = await open(1280, named.award);
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const visible = (sel) => {
      const e = document.querySelector(sel);
      return e ? getComputedStyle(e).display !== "none" : null;
    };
    const thead = document.querySelector(".recipients thead");
    return {
      header: visible(".site-header"),
      footer: visible(".site-footer"),
      decision: visible(".doc-header"),
      thead: thead ? getComputedStyle(thead).display : null,
    };
  });
  if (shown.header !== false) problem(label, "print: the site navigation is printed");
  if (shown.footer !== false) problem(label, "print: the site footer is printed");
  if (shown.decision !== true) problem(label, "print: the decision header is missing");
  if (shown.thead !== "table-header-group") problem(label, `print: the recipients header row does not repeat (${shown.thead})`);
  const pdf = await page.pdf({ format: "A4", printBackground: false, preferCSSPageSize: true });
  if (pdf.length < 1000) problem(label, "print: the A4 PDF is empty");
  await context.close();
}

// 6. A notice's status on the reader's day: the page may be built on an earlier day (the
// test builds the demo with --today 2000-01-01, when every notice is "to be posted"); the
// status script shows the status of today, and hides how to comment once it is over.
const noticeStatus = {
  "/cong-khai/bang-khen-dung-cam-2024/": "Hết hạn góp ý – đang chờ quyết định",
  "/cong-khai/gia-dinh-van-hoa-2024-thon-binh-han/": "Đã có quyết định",
};
for (const [url, want] of Object.entries(noticeStatus)) {
  if (!pages.includes(url)) continue;
  const { page, context, label } = await open(360, url);
  const shown = await page.evaluate(() => {
    const box = document.querySelector(".how-to-comment");
    return {
      text: document.querySelector("[data-posted]")?.textContent,
      box: box ? getComputedStyle(box).display : "none",
    };
  });
  if (shown.text !== want) problem(label, `the notice's status reads "${shown.text}", not "${want}"`);
  if (shown.box !== "none") problem(label, "how to comment is shown on a notice that is over");
  await context.close();
}

await browser.close();
server.close();
for (const p of problems) console.log(p);
console.log(
  `checked ${checked} pages at 360 px, axe on ${Object.values(named).filter(Boolean).length} pages × 2 widths (${rules} passing rules), search box and queries, A4 print: ${problems.length} problem(s)`,
);
process.exit(problems.length ? 1 : 0);
