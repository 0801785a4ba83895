// vinhdanh search: finds records and recipients without diacritics ("nguyen van duc" finds
// "Nguyễn Văn Đức"); matches with the exact marks come first. Reads the sharded index
// written with the site; no third party, no inline script.
(function () {
  "use strict";
  var out = document.getElementById("search-results");
  if (!out || !window.fetch) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var form = document.getElementById("search-form");
  var base = out.getAttribute("data-index");
  var labels = JSON.parse(out.getAttribute("data-labels") || "{}");
  var PER_SHARD = 500;
  var cache = {};

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return Array.from(t).length >= 2; });
  }
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    }
    return cache[path];
  }
  function idsFor(token) {
    return get("t/" + Array.from(token).slice(0, 2).join("") + ".json").then(function (shard) {
      var ids = new Set();
      Object.keys(shard).forEach(function (k) {
        if (k.lastIndexOf(token, 0) === 0) shard[k].forEach(function (i) { ids.add(i); });
      });
      return ids;
    });
  }
  var latest = 0;
  function run(q) {
    var ts = tokens(q);
    var ticket = ++latest;
    if (!ts.length) {
      out.textContent = "";
      return Promise.resolve();
    }
    return Promise.all(ts.map(idsFor)).then(function (sets) {
      var hits = Array.from(sets[0]).filter(function (id) { return sets.every(function (s) { return s.has(id); }); });
      var shards = Array.from(new Set(hits.map(function (id) { return Math.floor(id / PER_SHARD); })));
      return Promise.all(shards.map(function (n) { return get("d/" + n + ".json"); })).then(function (loaded) {
        var byShard = {};
        shards.forEach(function (n, i) { byShard[n] = loaded[i]; });
        var exact = q.trim().toLocaleLowerCase("vi");
        var docs = hits.map(function (id) {
          var d = byShard[Math.floor(id / PER_SHARD)][id % PER_SHARD];
          var title = d[0].toLocaleLowerCase("vi");
          // Exact marks in the title first, then all words in the title, then the rest.
          var rank = title.indexOf(exact) >= 0 ? 0 : ts.every(function (t) { return fold(title).indexOf(t) >= 0; }) ? 1 : 2;
          return { d: d, rank: rank };
        });
        docs.sort(function (a, b) { return a.rank - b.rank || b.d[3] - a.d[3] || (a.d[0] < b.d[0] ? -1 : 1); });
        // A later keystroke has started its own search: drop this one's answer.
        if (ticket !== latest) return;
        out.textContent = "";
        show(docs.slice(0, 100).map(function (x) { return x.d; }), hits.length);
      });
    });
  }
  function show(docs, total) {
    status.textContent = total ? out.getAttribute("data-found").replace("{n}", total) : out.getAttribute("data-none");
    docs.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d[1];
      a.textContent = d[0];
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = [labels[d[2]] || d[2], d[3], d[4]].filter(Boolean).join(" · ");
      li.appendChild(a);
      li.appendChild(meta);
      out.appendChild(li);
    });
  }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  if (q) run(q);
  function search() {
    var value = input.value;
    history.replaceState(null, "", "?q=" + encodeURIComponent(value));
    return run(value);
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    search();
  });
  // Find as one types, after a short pause so a slow phone fetches no shard per keystroke.
  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
})();
