// gloss search: filters window.glossSearchIndex (search/index.js) as the
// reader types. Every word must match, in any order, ignoring case and
// accents; titles rank before other text. Results are built with DOM
// methods, never innerHTML, so nothing in the index can inject markup.
"use strict";
(() => {
  const index = window.glossSearchIndex;
  const form = document.getElementById("search-form");
  if (!Array.isArray(index) || !form) return;
  const box = document.getElementById("search-box");
  const status = document.getElementById("search-status");
  // The page's own words for the status line, in the dossier's language.
  const say = (name, n) => (status.dataset[name] ?? "").replaceAll("{n}", String(n));
  const list = document.getElementById("search-results");
  const root = list.dataset.root;
  const LIMIT = 100;

  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"').toLowerCase();
  const entries = index.map((e) => ({ entry: e, title: fold(e.title), rest: fold(`${e.meta} ${e.kind} ${e.text}`) }));

  function score(item, words) {
    let total = 0;
    for (const word of words) {
      const inTitle = item.title.indexOf(word);
      if (inTitle >= 0) total += inTitle === 0 || item.title[inTitle - 1] === " " ? 3 : 2;
      else if (item.rest.includes(word)) total += 1;
      else return 0;
    }
    return total;
  }

  function result(entry) {
    const li = document.createElement("li");
    const kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = entry.kind;
    const link = document.createElement("a");
    link.href = root + entry.href;
    link.textContent = entry.title;
    li.append(kind, " ", link);
    if (entry.meta) {
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = entry.meta;
      li.append(meta);
    }
    return li;
  }

  function run() {
    const query = box.value.trim();
    const words = fold(query).split(/\s+/).filter(Boolean);
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (words.length === 0) {
      list.replaceChildren();
      status.textContent = say("items", index.length);
      return;
    }
    const found = entries
      .map((item) => ({ item, score: score(item, words) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.item.title.localeCompare(b.item.title));
    list.replaceChildren(...found.slice(0, LIMIT).map((r) => result(r.item.entry)));
    const shown = found.length > LIMIT ? say("more", LIMIT) : "";
    const matches = found.length === 0 ? say("none", 0) : say(found.length === 1 ? "one" : "many", found.length);
    status.textContent = `${matches}${shown}`;
  }

  document.getElementById("search-fallback").hidden = true;
  form.hidden = false;
  box.value = new URLSearchParams(window.location.search).get("q") ?? "";
  box.addEventListener("input", run);
  run();
  box.focus();
})();
