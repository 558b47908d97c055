// gloss search. search/index.js describes a sharded index (written by
// src/render/exports/search/index.rs): which documents hold each word, and
// each pair of words that follow one another, in shards by key, and the
// documents themselves in chunks. A query loads the shards of its words
// and the chunks of the results it shows, each file a script that files
// its data under window.glossSearch, so that search works from disk too.
// Every word must match, the last one as the start of a word while it is
// being typed; exact phrases rank first, then matches in titles. Results
// are built with DOM methods, never innerHTML, so nothing in the index can
// inject markup.
"use strict";
(() => {
  const store = window.glossSearch ?? {};
  const index = store.index;
  const form = document.getElementById("search-form");
  if (!index || !form) return;
  const box = document.getElementById("search-box");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const root = list.dataset.root;
  // The page's own words for the status line, in the dossier's language.
  const say = (name, values = {}) =>
    Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), status.dataset[name] ?? "");
  const SHOWN = 10; // results shown at a time
  const PREFIX_SHARDS = 4; // shards a word being typed may span before it is cut
  const SNIPPET = 240; // characters of a passage shown around its match

  // load(name): window.glossSearch[name], from search/<name>.js, once.
  const loading = new Map();
  function load(name) {
    if (!loading.has(name)) {
      loading.set(name, new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = `${root}search/${name}.js`;
        script.onload = () => (name in store ? resolve(store[name]) : reject(new Error(name)));
        script.onerror = () => reject(new Error(name));
        document.head.append(script);
      }));
    }
    return loading.get(name);
  }

  // The words of a text as src/render/exports/search/words.rs cuts them:
  // each character decomposed, marks dropped, lowercased; runs of letters
  // and digits, one character at a time in scripts written without spaces.
  const UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]/u;
  const MARK = /\p{M}/u;
  const LETTER = /[\p{Alphabetic}\p{N}]/u;
  function words(text) {
    const found = [];
    let word = "", chars = 0, start = 0, end = 0, at = 0;
    const close = () => {
      if (word) found.push({ word, start, end });
      word = "";
      chars = 0;
    };
    for (const c of text) {
      const unspaced = UNSPACED.test(c);
      if (unspaced) close();
      for (const d of c.normalize("NFD")) {
        if (MARK.test(d)) continue;
        for (const lower of d.toLowerCase()) {
          if (!LETTER.test(lower)) {
            close();
            continue;
          }
          if (!word && chars === 0) start = at;
          if (chars < index.longestWord) word += lower;
          chars++;
          end = at + c.length;
        }
      }
      at += c.length;
      if (unspaced) close();
    }
    close();
    return found;
  }

  // Sets of documents, one bit each.
  const bytes = Math.ceil(index.documents / 8);
  const emptySet = () => new Uint8Array(bytes);
  function addTo(set, encoded) {
    if (!encoded) return;
    const raw = atob(encoded);
    if (raw.charCodeAt(0) === 1) {
      for (let i = 1; i < raw.length; i++) set[i - 1] |= raw.charCodeAt(i);
      return;
    }
    let doc = 0, gap = 0, shift = 0;
    for (let i = 1; i < raw.length; i++) {
      const b = raw.charCodeAt(i);
      gap += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b & 0x80) continue;
      doc += gap;
      set[doc >> 3] |= 1 << (doc & 7);
      doc++;
      gap = 0;
      shift = 0;
    }
  }
  const both = (a, b) => a.map((x, i) => x & b[i]);
  const without = (a, b) => a.map((x, i) => x & ~b[i]);
  function* members(set) {
    for (let i = 0; i < set.length; i++) {
      if (set[i] === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (set[i] & (1 << bit)) yield i * 8 + bit;
    }
  }
  const count = (set) => set.reduce((n, x) => { for (; x; x &= x - 1) n++; return n; }, 0);

  // The place of the last of `sorted` (ascending) that is at most
  // `value`, or 0.
  function lastAtMost(sorted, value) {
    let lo = 0, hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sorted[mid] <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // The documents holding `key` in series "words" or "pairs" (every key
  // starting with it when `prefix`), and those whose title does. Keys are
  // in JavaScript's string order, so a key's shard is found by bisection
  // and keys starting with it follow it.
  async function lookup(series, key, prefix) {
    const firsts = index[series];
    const all = emptySet(), title = emptySet();
    for (let n = lastAtMost(firsts, key), loaded = 0; n < firsts.length; n++, loaded++) {
      if (loaded > 0 && !(prefix && firsts[n].startsWith(key))) break;
      if (loaded === PREFIX_SHARDS) return { all, title, cut: true };
      const shard = await load(`${series}-${n}`);
      for (let i = 0; i < shard.length; i += 3) {
        if (shard[i] === key || (prefix && shard[i].startsWith(key))) {
          addTo(all, shard[i + 1]);
          addTo(title, shard[i + 2]);
        }
      }
    }
    return { all, title, cut: false };
  }

  // The query's results, best first: exact phrases, then documents whose
  // title holds every word, then the rest, each in the index's order.
  async function search(query) {
    const typed = query.words.map((w) => w.word);
    const last = typed.length - 1;
    const each = await Promise.all(typed.map((w, i) => lookup("words", w, i === last && query.prefix)));
    let all = each[0].all, title = each[0].title;
    for (const found of each.slice(1)) {
      all = both(all, found.all);
      title = both(title, found.title);
    }
    const tiers = [];
    let phrase = emptySet();
    if (typed.length > 1) {
      const pairs = await Promise.all(typed.slice(1).map((w, i) =>
        lookup("pairs", `${typed[i]} ${w}`, i + 1 === last && query.prefix)));
      phrase = pairs.reduce((set, found) => both(set, found.all), all);
      tiers.push(both(phrase, title), phrase);
    }
    tiers.push(title, all);
    const ranked = [];
    let seen = emptySet();
    for (const tier of tiers) {
      const fresh = without(tier, seen);
      for (const doc of members(fresh)) ranked.push(doc);
      seen = seen.map((x, i) => x | fresh[i]);
    }
    const cut = each.find((found) => found.cut) ? query.words[last].word : null;
    return { ranked, phrase: count(phrase), total: count(all), cut };
  }

  // The chunk that holds each document, from how many each chunk holds.
  const chunkStarts = [0];
  for (const n of index.chunks) chunkStarts.push(chunkStarts[chunkStarts.length - 1] + n);
  // (The last start is the total, past every document.)
  const chunkOf = (doc) => lastAtMost(chunkStarts, doc);
  async function documentOf(doc) {
    const n = chunkOf(doc);
    const [kind, title, href, meta, passages] = (await load(`docs-${n}`))[doc - chunkStarts[n]];
    return { kind, title, href, meta, passages };
  }

  const matches = (word, typed, prefix) => (prefix ? word.startsWith(typed) : word === typed);

  // Where the query's words stand one after another among `found` (the
  // words of a text), or -1.
  function phraseAt(found, query) {
    const last = query.words.length - 1;
    for (let i = 0; i + last < found.length; i++) {
      if (query.words.every((q, j) => matches(found[i + j].word, q.word, j === last && query.prefix))) return i;
    }
    return -1;
  }

  // The passage that shows a result best: one with the exact phrase, else
  // the one with most of the query's words; and the spans to mark in it.
  function bestPassage(passages, query) {
    const typed = query.words.map((w) => w.word);
    let best = null;
    for (const [anchor, text] of passages) {
      const found = words(text);
      const isLast = (i) => i === typed.length - 1 && query.prefix;
      const at = phraseAt(found, query);
      const phrase = at < 0 ? null : [{ start: found[at].start, end: found[at + typed.length - 1].end }];
      const hits = phrase ?? found.filter((f) => typed.some((t, j) => matches(f.word, t, isLast(j))));
      const held = typed.filter((t, j) => found.some((f) => matches(f.word, t, isLast(j)))).length;
      const score = phrase ? Infinity : held;
      if (hits.length > 0 && (!best || score > best.score)) best = { anchor, text, hits, score };
    }
    return best;
  }

  // The passage around its first hit, with the hits marked.
  function passageElement(href, passage) {
    const { text, hits, anchor } = passage;
    let from = 0, to = text.length;
    if (text.length > SNIPPET) {
      from = Math.max(0, hits[0].start - SNIPPET / 3);
      while (from > 0 && LETTER.test(text[from - 1])) from--;
      to = Math.min(text.length, from + SNIPPET);
      while (to < text.length && LETTER.test(text[to])) to++;
    }
    const p = document.createElement("p");
    p.className = "search-passage";
    const holder = anchor ? document.createElement("a") : p;
    if (anchor) {
      holder.href = `${root}${href}#${anchor}`;
      p.append(holder);
    }
    if (from > 0) holder.append("… ");
    let at = from;
    for (const hit of hits) {
      if (hit.end <= at || hit.start >= to) continue;
      holder.append(text.slice(at, Math.max(at, hit.start)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(Math.max(at, hit.start), Math.min(to, hit.end));
      holder.append(mark);
      at = Math.min(to, hit.end);
    }
    holder.append(text.slice(at, to));
    if (to < text.length) holder.append(" …");
    return p;
  }

  function result(doc, query) {
    const li = document.createElement("li");
    const kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = doc.kind;
    const link = document.createElement("a");
    link.href = root + doc.href;
    link.textContent = doc.title;
    li.append(kind, " ", link);
    if (doc.meta) {
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = doc.meta;
      li.append(meta);
    }
    const passage = bestPassage(doc.passages, query);
    if (passage) li.append(passageElement(doc.href, passage));
    return li;
  }

  // The reader's query: its words, and whether the last is still being
  // typed (and is then matched as the start of a word).
  function parse(text) {
    const found = words(text);
    const last = found[found.length - 1];
    const typing = last !== undefined && last.end === text.length && [...last.word].length >= 2;
    return { words: found, prefix: typing };
  }

  // Whether the document holds the query's words one after another, in
  // its title, the line under it or a passage: the index's pairs only say
  // it holds each pair somewhere.
  function holdsPhrase(doc, query) {
    return [doc.title, doc.meta, ...doc.passages.map(([, text]) => text)]
      .some((text) => phraseAt(words(text), query) >= 0);
  }

  let current = 0; // the latest query; an older one's results are dropped
  let shown = null; // { query, ranked, phrase: how many rank as phrases, next }

  // Shows the next results. A document ranked as holding the phrase that
  // turns out, once loaded, not to hold it moves down below the phrases.
  async function show(run) {
    const { query, ranked } = shown;
    ranked.slice(shown.next, shown.next + SHOWN).forEach((doc) => load(`docs-${chunkOf(doc)}`).catch(() => {}));
    const batch = [];
    while (batch.length < SHOWN && shown.next < ranked.length) {
      const doc = ranked[shown.next];
      const found = await documentOf(doc);
      if (run !== current) return;
      if (shown.next < shown.phrase && !holdsPhrase(found, query)) {
        ranked.splice(shown.next, 1);
        shown.phrase--;
        ranked.splice(shown.phrase, 0, doc);
        continue;
      }
      batch.push(found);
      shown.next++;
    }
    list.append(...batch.map((doc) => result(doc, query)));
    more.hidden = shown.next >= ranked.length;
  }

  async function run() {
    const run = ++current;
    const text = box.value.trim() === "" ? "" : box.value;
    const url = new URL(window.location.href);
    if (text.trim()) url.searchParams.set("q", text.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    const query = parse(text);
    if (query.words.length === 0) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = say("items", { n: index.documents });
      return;
    }
    try {
      const { ranked, phrase, total, cut } = await search(query);
      if (run !== current) return;
      list.replaceChildren();
      shown = { query, ranked, phrase, next: 0 };
      await show(run);
      if (run !== current) return;
      const found = total === 0 ? say("none") : say(total === 1 ? "one" : "many", { n: total });
      status.textContent = found + (cut ? say("cut", { word: cut }) : "");
    } catch (e) {
      if (run === current) status.textContent = say("failed", { file: `search/${e.message}.js` });
    }
  }

  document.getElementById("search-fallback").hidden = true;
  form.hidden = false;
  more.addEventListener("click", () => show(current));
  box.value = new URLSearchParams(window.location.search).get("q") ?? "";
  box.addEventListener("input", run);
  run();
  box.focus();
})();
