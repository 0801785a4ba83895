// vinhdanh search: finds people's honours and records without diacritics ("nguyen van duc"
// finds "Nguyễn Văn Đức"), tolerates one typing mistake in a word of five letters or more
// ("nguyn"), ranks names above words of the text, exact marks above folded ones and newer
// above older, shows a snippet with the matched words marked, and narrows the results by
// year, field, form, level, kind of subject and unit (kept in the address, so a filtered
// view can be shared). Reads the sharded index written with the site (see search.rs); no
// third party, no inline script, text only through textContent.
(function () {
  "use strict";
  var out = document.getElementById("search-results");
  if (!out || !window.fetch) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var form = document.getElementById("search-form");
  var facetBox = document.getElementById("search-facets");
  var base = out.getAttribute("data-index");
  var labels = JSON.parse(out.getAttribute("data-labels") || "{}");
  var subjects = JSON.parse(out.getAttribute("data-subjects") || "{}");
  var names = JSON.parse(out.getAttribute("data-facets") || "{}");
  var PER_SHARD = Number(out.getAttribute("data-per-shard")) || 200;
  // Summary shards read per search (a slow phone reads little), results shown.
  var MAX_SHARDS = 10;
  var SHOWN = 100;
  var cache = {};

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return Array.from(t).length >= 2; });
  }
  function shardOf(t) { return Array.from(t).slice(0, 2).join(""); }
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    }
    return cache[path];
  }
  // Whether a and b differ by at most one insertion, deletion, substitution or swap.
  function nearly(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  // The documents of a posting list: id → whether the word is in the title.
  function decode(list, into) {
    var id = 0;
    for (var i = 0; i < list.length; i++) {
      var v = list[i];
      id += Math.floor(v / 2);
      if (v % 2 === 1 || !into.has(id)) into.set(id, v % 2 === 1 || into.get(id) === true);
    }
  }
  // The documents holding a query word: as a prefix, else (five letters or more) with one
  // mistake, also in the shards a mistake in the first two letters would move it to.
  function lookup(t) {
    return get("t/" + shardOf(t) + ".json").then(function (shard) {
      var found = new Map();
      var keys = Object.keys(shard);
      keys.forEach(function (k) { if (k.lastIndexOf(t, 0) === 0) decode(shard[k], found); });
      if (found.size || t.length < 5) return { ids: found, fuzzy: [] };
      return get("t/_.json").then(function (known) {
        var others = [t[0] + t[2], t[1] + t[0], t[1] + t[2]].filter(function (s, i, all) {
          return s !== shardOf(t) && all.indexOf(s) === i && Array.isArray(known) && known.indexOf(s) >= 0;
        });
        return Promise.all([shard].concat(others.map(function (s) { return get("t/" + s + ".json"); })));
      }).then(function (shards) {
        var fuzzy = [];
        shards.forEach(function (sh) {
          Object.keys(sh).forEach(function (k) {
            var near = [t.length - 1, t.length, t.length + 1].some(function (n) { return nearly(t, k.slice(0, n)); });
            if (near && k.length >= t.length - 1) {
              decode(sh[k], found);
              fuzzy.push(k);
            }
          });
        });
        return { ids: found, fuzzy: fuzzy };
      });
    });
  }

  var latest = 0;
  var results = [];
  var marks = [];
  function run(q) {
    var ts = tokens(q);
    var ticket = ++latest;
    if (!ts.length) {
      out.textContent = "";
      facetBox.textContent = "";
      status.textContent = status.getAttribute("data-hint");
      return Promise.resolve();
    }
    return Promise.all(ts.map(lookup)).then(function (found) {
      var first = found[0].ids;
      var hits = [];
      first.forEach(function (inTitle, id) {
        var title = true;
        for (var i = 0; i < found.length; i++) {
          if (!found[i].ids.has(id)) return;
          title = title && found[i].ids.get(id);
        }
        hits.push({ id: id, title: title });
      });
      // Names first (every word in the title), then in id order (one name together).
      hits.sort(function (a, b) { return (b.title - a.title) || (a.id - b.id); });
      var shards = [];
      var kept = hits.filter(function (h) {
        var n = Math.floor(h.id / PER_SHARD);
        if (shards.indexOf(n) < 0) {
          if (shards.length >= MAX_SHARDS) return false;
          shards.push(n);
        }
        return true;
      });
      return Promise.all(shards.map(function (n) { return get("d/" + n + ".json"); })).then(function (loaded) {
        if (ticket !== latest) return;
        var byShard = {};
        shards.forEach(function (n, i) { byShard[n] = loaded[i]; });
        var exact = q.trim().normalize("NFC").toLocaleLowerCase("vi");
        var words = q.trim().normalize("NFC").toLocaleLowerCase("vi").split(/\s+/);
        var fuzzy = found.some(function (f) { return f.fuzzy.length > 0; });
        results = kept.map(function (h) {
          var d = (byShard[Math.floor(h.id / PER_SHARD)] || [])[h.id % PER_SHARD];
          if (!d) return null;
          var title = d[0].normalize("NFC").toLocaleLowerCase("vi");
          // Exact marks: the whole query, else each word, as written.
          var marksRank = title.indexOf(exact) >= 0 ? 0 : words.every(function (w) { return title.indexOf(w) >= 0; }) ? 1 : 2;
          return { d: d, rank: (h.title ? 0 : 10) + marksRank };
        }).filter(Boolean);
        results.sort(function (a, b) {
          return a.rank - b.rank || b.d[3] - a.d[3] || (a.d[0] < b.d[0] ? -1 : a.d[0] > b.d[0] ? 1 : 0);
        });
        marks = ts.concat.apply(ts, found.map(function (f) { return f.fuzzy; }));
        results.total = hits.length;
        results.fuzzy = fuzzy;
        render();
      });
    });
  }

  // ----- Facets: narrowed in the browser on the loaded results, kept in the address. -----
  var FACETS = [
    ["loai", function (d) { return d[2] === "honour" ? (labels.honour || "honour") : labels[d[2]] || d[2]; }],
    ["linh-vuc", function (d) { return d[4]; }],
    ["hinh-thuc", function (d) { return d[7]; }],
    ["cap", function (d) { return d[8]; }],
    ["doi-tuong", function (d) { return subjects[d[9]] || ""; }],
    ["don-vi", function (d) { return d[10]; }]
  ];
  function params() { return new URLSearchParams(window.location.search); }
  function chosen(p) {
    return results.filter(function (x) {
      var y = x.d[3];
      if (p.get("tu-nam") && y < Number(p.get("tu-nam"))) return false;
      if (p.get("den-nam") && y > Number(p.get("den-nam"))) return false;
      return FACETS.every(function (f) { var v = p.get(f[0]); return !v || f[1](x.d) === v; });
    });
  }
  function select(name, label, values, current) {
    var wrap = document.createElement("p");
    var l = document.createElement("label");
    l.textContent = label;
    l.htmlFor = "loc-" + name;
    var s = document.createElement("select");
    s.id = "loc-" + name;
    s.name = name;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = names.all || "—";
    s.appendChild(all);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = String(v[0]);
      o.textContent = v[1] === undefined ? String(v[0]) : v[0] + " (" + v[1] + ")";
      if (String(v[0]) === current) o.selected = true;
      s.appendChild(o);
    });
    s.addEventListener("change", function () {
      var p = params();
      if (s.value) p.set(name, s.value); else p.delete(name);
      history.replaceState(null, "", "?" + p.toString());
      render();
    });
    wrap.appendChild(l);
    wrap.appendChild(s);
    return wrap;
  }
  function counts(list, get) {
    var c = new Map();
    list.forEach(function (x) { var v = get(x.d); if (v) c.set(v, (c.get(v) || 0) + 1); });
    return Array.from(c.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }
  function facets(p) {
    facetBox.textContent = "";
    if (results.length < 2) return;
    var focused = document.activeElement && document.activeElement.id;
    // Folded away under its heading, so the results come first on a phone; open while a
    // filter is set.
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    summary.textContent = names.legend || "";
    details.appendChild(summary);
    var box = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = names.legend || "";
    box.appendChild(legend);
    details.appendChild(box);
    var years = Array.from(new Set(results.map(function (x) { return x.d[3]; }))).sort(function (a, b) { return b - a; });
    if (years.length > 1) {
      var ys = years.map(function (y) { return [y]; });
      box.appendChild(select("tu-nam", names.from || "", ys, p.get("tu-nam") || ""));
      box.appendChild(select("den-nam", names.to || "", ys, p.get("den-nam") || ""));
    }
    FACETS.forEach(function (f) {
      var values = counts(results, f[1]);
      var current = p.get(f[0]) || "";
      // Worth a choice: two values or more, or one that not every result has.
      var narrows = values.length > 1 || (values.length === 1 && values[0][1] < results.length);
      if (narrows || current) box.appendChild(select(f[0], names[f[0]] || f[0], values, current));
    });
    var set = ["tu-nam", "den-nam"].concat(FACETS.map(function (f) { return f[0]; }));
    details.open = set.some(function (n) { return p.get(n); }) || wasOpen;
    details.addEventListener("toggle", function () { wasOpen = details.open; });
    facetBox.appendChild(details);
    // The list was made again: keep the keyboard on the filter just changed.
    if (focused && focused.indexOf("loc-") === 0 && document.getElementById(focused)) document.getElementById(focused).focus();
  }
  var wasOpen = false;

  // ----- Results: the title and the words found marked, a snippet around the match. -----
  function marked(text, into) {
    var re = /[\p{L}\p{N}]+/gu;
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      var w = fold(m[0]);
      var hit = marks.some(function (t) { return w.lastIndexOf(t, 0) === 0; });
      if (!hit) continue;
      into.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mk = document.createElement("mark");
      mk.textContent = m[0];
      into.appendChild(mk);
      last = m.index + m[0].length;
    }
    into.appendChild(document.createTextNode(text.slice(last)));
    return into;
  }
  function snippet(text) {
    if (!text) return "";
    var chars = Array.from(text);
    var folded = chars.map(function (c) { return fold(c); });
    var flat = folded.join("");
    var at = -1;
    marks.forEach(function (t) { var i = flat.indexOf(t); if (i >= 0 && (at < 0 || i < at)) at = i; });
    if (at < 0 || chars.length <= 140) return chars.slice(0, 140).join("") + (chars.length > 140 ? "…" : "");
    // flat and chars line up: every character folds to one.
    var start = Math.max(0, at - 50);
    var end = Math.min(chars.length, start + 140);
    return (start > 0 ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
  }
  function render() {
    var p = params();
    var shown = chosen(p);
    facets(p);
    out.textContent = "";
    var total = shown.length < results.length ? shown.length : results.total;
    var text = total ? out.getAttribute("data-found").replace("{n}", total) : out.getAttribute("data-none");
    if (results.fuzzy && total) text += " " + out.getAttribute("data-fuzzy");
    status.textContent = text;
    shown.slice(0, SHOWN).forEach(function (x) {
      var d = x.d;
      var li = document.createElement("li");
      li.className = "hit hit-" + d[2];
      var a = document.createElement("a");
      a.href = d[1];
      marked(d[0], a);
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      var bits = d[2] === "honour" ? [d[5], d[10]] : [labels[d[2]] || d[2], d[3], d[4], d[5]];
      marked(bits.filter(Boolean).join(" · "), meta);
      li.appendChild(meta);
      var snip = snippet(d[6]);
      if (snip) {
        var sn = document.createElement("p");
        sn.className = "snippet";
        marked(snip, sn);
        li.appendChild(sn);
      }
      out.appendChild(li);
    });
  }

  status.setAttribute("data-hint", status.textContent);
  var q = params().get("q") || "";
  input.value = q;
  if (q) run(q);
  function search() {
    var p = params();
    var value = input.value;
    // A new query starts without the old filters.
    if (value !== (p.get("q") || "")) p = new URLSearchParams();
    p.set("q", value);
    history.replaceState(null, "", "?" + p.toString());
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
    timer = setTimeout(search, 250);
  });
})();
