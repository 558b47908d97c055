// The exports, read by the real clients made for them:
// - every "Cite this" CSL-JSON item, formatted by citeproc-js (through
//   citation-js) in APA style: no error, and each entry carries its title;
// - every BibTeX entry, run through bibtex with plain.bst (installed by
//   run.sh from Debian): no error or warning, one \bibitem per entry, and
//   every title printed with its capitals as written;
// - every site's timeline.json, rendered by TimelineJS in Chromium: no
//   console error, one slide per event and report after the title slide,
//   and each headline shown as it reads, escaped once (no "&amp;" shown);
// - every wording's link to the original (a text fragment), followed in
//   Chromium to a stand-in for the original page: the report's text as
//   the dossier copied it, with the site's furniture and an advertisement
//   between its paragraphs, as news pages have; Chromium must find and
//   scroll to the passage.
// Usage: node clients.mjs SITE…
import { createServer } from "node:http";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-csl";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const sites = process.argv.slice(2).map((s) => resolve(s));
const failures = [];
let passed = 0;
const check = (ok, what) => (ok ? passed++ : failures.push(what));

async function pages(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await pages(path)));
    else if (entry.name === "index.html") out.push(path);
  }
  return out.sort();
}

const unescapeHtml = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/// The "Cite this" block of a page in one format, as the page shows it.
function citation(html, format) {
  const at = html.indexOf(`<p class="cite-format">${format}</p>`);
  if (at < 0) return null;
  const code = html.slice(at).match(/<pre><code>([\s\S]*?)<\/code><\/pre>/);
  return code ? unescapeHtml(code[1]) : null;
}

const oneLine = (s) => s.replace(/\s+/g, " ");
/// The words of a text, whatever a style does to its punctuation (curly
/// quotation marks, a full stop moved inside them).
const plain = (s) => s.replace(/[^\p{L}\p{N}]+/gu, " ").trim();

for (const site of sites) {
  const bib = new Map();
  const csl = new Map();
  for (const page of await pages(site)) {
    const html = await readFile(page, "utf8");
    const entry = citation(html, "BibTeX");
    if (entry) bib.set(entry.match(/^@misc\{([^,]+),/)[1], entry);
    const items = citation(html, "CSL-JSON");
    if (items) for (const item of JSON.parse(items)) csl.set(item.id, item);
  }
  check(bib.size > 0 && bib.size === csl.size, `${site}: every cited page gives BibTeX and CSL-JSON (${bib.size}, ${csl.size})`);

  // citeproc-js, in a real style.
  try {
    const items = [...csl.values()];
    const formatted = new Cite(items).format("bibliography", { format: "text", template: "apa", lang: "en-US", asEntryArray: true });
    check(formatted.length === items.length, `${site}: citeproc formats every item (${formatted.length} of ${items.length})`);
    const byId = new Map(formatted);
    for (const item of items) {
      const text = plain(byId.get(item.id) ?? "");
      check(text.includes(plain(item.title)), `${site}: citeproc keeps the title of ${item.id}: ${text}`);
    }
  } catch (e) {
    failures.push(`${site}: citeproc failed: ${e.stack}`);
  }

  // bibtex with plain.bst.
  const work = await mkdtemp(join(tmpdir(), "gloss-bibtex-"));
  await writeFile(join(work, "refs.bib"), [...bib.values()].join("\n\n") + "\n");
  await writeFile(join(work, "refs.aux"), "\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n");
  const run = spawnSync("bibtex", ["refs"], { cwd: work, encoding: "utf8" });
  const log = `${run.stdout}${run.stderr}`;
  check(run.status === 0 && !/error|warning/i.test(log), `${site}: bibtex runs clean: status ${run.status}\n${log}`);
  const bbl = oneLine(await readFile(join(work, "refs.bbl"), "utf8").catch(() => ""));
  check((bbl.match(/\\bibitem/g) ?? []).length === bib.size, `${site}: one \\bibitem per entry`);
  for (const [key, entry] of bib) {
    const title = oneLine(entry.match(/title = \{\{(.*)\}\},\n/)[1]);
    check(bbl.includes(`{${title}}`), `${site}: bibtex prints the title of ${key} with its capitals: ${title}`);
  }
  await rm(work, { recursive: true, force: true });
}

// TimelineJS, in Chromium, on every site's timeline.json.
const timelinejs = join(here, "node_modules/@knight-lab/timelinejs/dist");
const types = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".png": "image/png" };
const page = (site) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css"><script src="/tl/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width:1000px;height:600px"></div><script>
fetch("/site/${site}/timeline.json").then((r) => r.json()).then((data) => {
  window.data = data;
  window.timeline = new TL.Timeline("timeline-embed", data,
    { hash_bookmark: false, font: null });
  window.timeline.on("loaded", () => { window.loaded = data.events.length; });
});
</script></body></html>`;
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const inSite = path.match(/^\/site\/(\d+)\/(.*)$/);
  const file = path.startsWith("/tl/") ? join(timelinejs, path.slice(4)) : inSite ? join(sites[Number(inSite[1])], inSite[2]) : null;
  try {
    const original = path.match(/^\/original\/(\d+)$/);
    if (original) {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(originals[Number(original[1])]);
    }
    const shown = path.match(/^\/show\/(\d+)$/);
    if (shown) {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(page(shown[1]));
    }
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    if (!file || (await stat(file)).isDirectory()) throw new Error("not found");
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404);
    res.end();
  }
});
/// Stand-ins for the originals of reports, served at /original/<n>.
const originals = [];
/// Each wording's links on a claim page: to the passage in the dossier's
/// copy, and to the original with a text fragment.
const originalLinks = (html) =>
  [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].flatMap(([, caption]) => {
    const hrefs = [...caption.matchAll(/href="([^"]*)"/g)].map(([, h]) => unescapeHtml(h));
    const original = hrefs.find((h) => h.includes("#:~:text="));
    return original ? [{ copy: hrefs[0], original }] : [];
  });
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  for (const [i, site] of sites.entries()) {
    const tab = await browser.newPage();
    const problems = [];
    tab.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    tab.on("pageerror", (e) => problems.push(e.message));
    tab.on("request", (r) => !r.url().startsWith(origin) && problems.push(`outside request: ${r.url()}`));
    try {
      await tab.goto(`${origin}/show/${i}`);
      await tab.waitForFunction(() => window.loaded !== undefined, null, { timeout: 20000 });
      const { events, slides, headlines } = await tab.evaluate(() => {
        // What a headline written as HTML reads as, and what the slide shows.
        const reads = (html) => new DOMParser().parseFromString(html, "text/html").body.textContent;
        const shown = [...document.querySelectorAll(".tl-slide .tl-headline")].map((h) => h.textContent);
        return {
          events: window.loaded,
          slides: window.timeline._storyslider._slides.length,
          headlines: window.data.events.map((e) => [reads(e.text.headline), shown.includes(reads(e.text.headline))]),
        };
      });
      check(slides === events + 1, `${site}: TimelineJS shows a slide per event after the title (${slides} for ${events})`);
      const unseen = headlines.filter(([, seen]) => !seen).map(([h]) => h);
      check(unseen.length === 0, `${site}: TimelineJS shows each headline as written: not ${unseen.join("; ")}`);
      // Escaped once, not twice: no reader sees "&amp;".
      const escaped = headlines.map(([h]) => h).filter((h) => /&(amp|lt|gt|quot|#\d+);/.test(h));
      check(escaped.length === 0, `${site}: TimelineJS shows escapes as text: ${escaped.join("; ")}`);
      check(problems.length === 0, `${site}: TimelineJS renders timeline.json without an error: ${problems.join("; ")}`);
    } finally {
      await tab.close();
    }
  }
  for (const [i, site] of sites.entries()) {
    const tab = await browser.newPage();
    try {
      for (const claimPage of await pages(join(site, "claims"))) {
        const relative = claimPage.slice(site.length + 1);
        for (const { copy, original } of originalLinks(await readFile(claimPage, "utf8"))) {
          const report = new URL(copy, `${origin}/site/${i}/${relative}`);
          await tab.goto(report.href);
          // The report's text, without what the dossier adds to it.
          originals.push(await tab.evaluate(() => {
            const bare = (element) => {
              const copy = element.cloneNode(true);
              copy.querySelectorAll(".sidenote, sup, .pilcrow, .sic-ref").forEach((e) => e.remove());
              return copy;
            };
            const blocks = [...bare(document.querySelector(".report-body")).children].map((b) => b.outerHTML);
            const headline = bare(document.querySelector(".report-header h1")).innerHTML;
            return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Original</title></head><body>
<div style="height:3000px"></div><nav>Home · World · Business</nav><h1>${headline}</h1><p>By a reporter</p>
${blocks.join("\n<aside>Advertisement</aside>\n")}<aside>Read more</aside><div style="height:3000px"></div></body></html>`;
          }));
          const fragment = original.slice(original.indexOf("#"));
          await tab.goto(`${origin}/original/${originals.length - 1}${fragment}`);
          await tab.waitForTimeout(300);
          const scrolled = await tab.evaluate(() => window.scrollY);
          check(scrolled > 2000, `${site}: ${relative}: Chromium finds the passage of ${original} in the original (scrolled to ${scrolled})`);
        }
      }
    } finally {
      await tab.close();
    }
  }
} catch (e) {
  failures.push(`TimelineJS and originals: ${e.stack}`);
} finally {
  await browser.close();
  server.close();
}

for (const f of failures) console.error(`FAIL clients: ${f}`);
console.log(`clients: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
