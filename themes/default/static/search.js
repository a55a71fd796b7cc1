// clinote default theme: Japanese search on any static host, no server.
//
// The build writes search/index.json, search/s/<k>.json (bigram postings, sharded by first
// character) and search/d/<k>.json (titles, addresses). This script normalises the query
// exactly as the build normalised the text (NFKC, lower case, katakana as hiragana), splits it
// at spaces and punctuation, and finds documents holding every term: all bigrams of a longer
// term, or any occurrence of a one-character term. Results are ranked by how rare the matched
// bigrams are and where they appear (title, tags, headings, description), newest first on ties.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) { return; }
  var base = root.getAttribute("data-base");
  var input = root.querySelector("input[name=q]");
  var form = root.querySelector("form");
  var list = root.querySelector("[data-results]");
  var status = root.querySelector("[data-status]");
  var MAX_RESULTS = 50;
  var BOOST = { 1: 4, 2: 3, 4: 2, 8: 1 }; // title, tag, heading, description

  var meta = null;
  var shards = {};
  var docFiles = {};

  function normalize(text) {
    var out = "";
    for (var ch of text.normalize("NFKC").toLowerCase()) {
      var c = ch.codePointAt(0);
      out += (c >= 0x30a1 && c <= 0x30f6) ? String.fromCodePoint(c - 0x60) : ch;
    }
    return out;
  }

  function terms(text) {
    return normalize(text).split(/[\s\p{P}\p{S}]+/u).filter(function (t) { return t.length > 0; });
  }

  function shardOf(gram) {
    return (Math.imul(gram.codePointAt(0), 2654435761) >>> 0) % meta.shards;
  }

  function bytes(b64) {
    var bin = atob(b64.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - b64.length % 4) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  // Delta-coded varints: ids (flags = false) or id, flag pairs (flags = true).
  function decode(b64, flags) {
    var b = bytes(b64);
    var out = new Map();
    var id = 0;
    for (var i = 0; i < b.length;) {
      var n = 0, shift = 0, x;
      do { x = b[i++]; n += (x & 0x7f) * Math.pow(2, shift); shift += 7; } while (x & 0x80);
      id += n;
      out.set(id, flags ? b[i++] : 0);
    }
    return out;
  }

  function load(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function shard(k) {
    if (!shards[k]) { shards[k] = load(base + "s/" + k + ".json"); }
    return shards[k];
  }

  function idf(df) { return Math.log(1 + meta.docs / Math.max(df, 1)); }

  function boost(flags) {
    var n = 0;
    for (var f in BOOST) { if (flags & f) { n += BOOST[f]; } }
    return n;
  }

  // Documents holding `term`, with a score each.
  function termScores(term) {
    var chars = Array.from(term);
    var grams = [];
    if (chars.length === 1) {
      grams = null;
    } else {
      for (var i = 0; i + 1 < chars.length; i++) { grams.push(chars[i] + chars[i + 1]); }
    }
    var needed = grams === null ? [term] : grams;
    var ks = Array.from(new Set(needed.map(shardOf)));
    return Promise.all(ks.map(shard)).then(function () {
      var byKey = {};
      return Promise.all(ks.map(function (k) { return shard(k).then(function (s) { byKey[k] = s; }); }))
        .then(function () { return byKey; });
    }).then(function (byKey) {
      var scores = new Map();
      if (grams === null) {
        // One character: every bigram it starts, and every term it ends.
        var s = byKey[shardOf(term)];
        for (var g in s.b) {
          if (g.codePointAt(0) !== term.codePointAt(0)) { continue; }
          var ids = decode(s.b[g], false);
          var heads = s.h[g] ? decode(s.h[g], true) : new Map();
          var w = idf(ids.size);
          ids.forEach(function (_, id) {
            var add = w * (1 + boost(heads.get(id) || 0)) / 4;
            scores.set(id, Math.max(scores.get(id) || 0, add));
          });
        }
        return scores;
      }
      var first = true;
      for (var j = 0; j < grams.length; j++) {
        var sh = byKey[shardOf(grams[j])];
        var posting = sh.b[grams[j]];
        if (!posting) { return new Map(); }
        var docs = decode(posting, false);
        var h = sh.h[grams[j]] ? decode(sh.h[grams[j]], true) : new Map();
        var weight = idf(docs.size);
        var next = new Map();
        docs.forEach(function (_, id) {
          if (!first && !scores.has(id)) { return; }
          next.set(id, (scores.get(id) || 0) + weight * (1 + boost(h.get(id) || 0)));
        });
        scores = next;
        first = false;
      }
      return scores;
    });
  }

  function docFile(k) {
    if (!docFiles[k]) { docFiles[k] = load(base + "d/" + k + ".json"); }
    return docFiles[k];
  }

  // The passage of a result that matches: the result's page is fetched (only for results
  // shown, once each) and its text searched for the query's terms, compared as the index
  // compares them (normalised), so that ｲﾝﾌﾙ finds インフル. The matches are marked with
  // <mark>; built from text nodes, never from HTML.
  var SNIPPET_BEFORE = 40, SNIPPET_AFTER = 90;
  var pageTexts = {};

  function pageText(url) {
    if (!pageTexts[url]) {
      pageTexts[url] = fetch(url).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var body = doc.querySelector(".article-body") || doc.querySelector("main") || doc.body;
        body.querySelectorAll("rt, rp, script, style, nav.toc").forEach(function (e) { e.remove(); });
        return (body.textContent || "").replace(/\s+/g, " ").trim();
      });
    }
    return pageTexts[url];
  }

  // `text` normalised, with the offset in `text` of each UTF-16 unit of the result (and of
  // its end), to map a match back.
  function normalizedWithOffsets(text) {
    var norm = "", offsets = [], at = 0;
    for (var ch of text) {
      var n = normalize(ch);
      for (var k = 0; k < n.length; k++) { offsets.push(at); }
      norm += n;
      at += ch.length;
    }
    offsets.push(at);
    return { norm: norm, offsets: offsets };
  }

  // The ranges [start, end) of `text` where any of `ts` (normalised terms) occurs.
  function matches(text, ts) {
    var m = normalizedWithOffsets(text);
    var found = [];
    ts.forEach(function (t) {
      for (var i = m.norm.indexOf(t); i >= 0; i = m.norm.indexOf(t, i + t.length)) {
        found.push([m.offsets[i], m.offsets[i + t.length]]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    found.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push(r); }
    });
    return merged;
  }

  // Puts `text` into `el`, its ranges in <mark>.
  function fillMarked(el, text, ranges) {
    el.textContent = "";
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) { el.appendChild(document.createTextNode(text.slice(at, r[0]))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) { el.appendChild(document.createTextNode(text.slice(at))); }
  }

  // A passage of `text` around its first match, marked; false when nothing matches.
  function fillSnippet(el, text, ts) {
    var all = matches(text, ts);
    if (all.length === 0) { return false; }
    var start = Math.max(0, all[0][0] - SNIPPET_BEFORE);
    var end = Math.min(text.length, all[0][1] + SNIPPET_AFTER);
    // Not inside a surrogate pair.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) { start--; }
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) { end++; }
    var passage = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var shift = start > 0 ? 1 - start : -start;
    var inside = all.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] + shift, r[1] + shift]; });
    fillMarked(el, passage, inside);
    return true;
  }

  var generation = 0;
  function search(query) {
    var mine = ++generation;
    var ts = terms(query);
    list.textContent = "";
    if (ts.length === 0) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = root.getAttribute("data-loading");
    var ready = meta ? Promise.resolve(meta) : load(base + "index.json").then(function (m) { meta = m; return m; });
    return ready.then(function () {
      return Promise.all(ts.map(termScores));
    }).then(function (perTerm) {
      var total = perTerm[0];
      for (var i = 1; i < perTerm.length; i++) {
        var both = new Map();
        perTerm[i].forEach(function (score, id) {
          if (total.has(id)) { both.set(id, total.get(id) + score); }
        });
        total = both;
      }
      var ranked = Array.from(total.entries()).sort(function (a, b) {
        return b[1] - a[1] || a[0] - b[0];
      });
      var shown = ranked.slice(0, MAX_RESULTS);
      var files = Array.from(new Set(shown.map(function (e) { return Math.floor(e[0] / meta.docs_per_file); })));
      return Promise.all(files.map(docFile)).then(function () {
        return Promise.all(shown.map(function (e) {
          var k = Math.floor(e[0] / meta.docs_per_file);
          return docFile(k).then(function (rows) { return rows[e[0] - k * meta.docs_per_file]; });
        }));
      }).then(function (rows) { return { rows: rows, count: ranked.length }; });
    }).then(function (found) {
      if (mine !== generation) { return; }
      var q = query.trim();
      status.textContent = found.count === 0
        ? root.getAttribute("data-none").replace("{q}", q)
        : root.getAttribute("data-count").replace("{q}", q).replace("{n}", String(found.count));
      found.rows.forEach(function (row) {
        if (!row) { return; }
        var li = document.createElement("li");
        li.className = "search__result";
        var a = document.createElement("a");
        a.href = row[0];
        a.className = "search__title";
        fillMarked(a, row[1], matches(row[1], ts));
        li.appendChild(a);
        if (row[2]) {
          var time = document.createElement("span");
          time.className = "search__date";
          time.textContent = row[2];
          li.appendChild(time);
        }
        var p = document.createElement("p");
        p.className = "search__summary";
        // The summary until the matching passage is found (or when only the title matches).
        fillMarked(p, row[3] || "", matches(row[3] || "", ts));
        li.appendChild(p);
        pageText(a.href).then(function (text) {
          if (mine === generation && fillSnippet(p, text, ts)) { p.setAttribute("data-snippet", ""); }
        }).catch(function () { /* the summary stays */ });
        list.appendChild(li);
      });
    }).catch(function (e) {
      if (mine === generation) { status.textContent = String(e); }
    });
  }

  function run() {
    var q = input.value;
    var url = new URL(location.href);
    if (q.trim()) { url.searchParams.set("q", q); } else { url.searchParams.delete("q"); }
    history.replaceState(null, "", url.pathname + url.search);
    return search(q);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  // For tests and benchmarks: the search itself, without the page around it.
  root.clinoteSearch = search;

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
