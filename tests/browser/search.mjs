// Search as a reader uses it: the search page of every site given, opened
// from disk (file:, where fetch() is refused) in Debian's Chromium with the
// page's own Content-Security-Policy in force. For passages taken from the
// site's own documents (every language the fixtures hold), a phrase of a
// few words is searched: its document must be found, every result holding
// the exact phrase must rank before every result that does not, and the
// document's result must show the passage with the phrase marked, linked
// to an element its page has. Also: the query stays in the address, "show
// more" adds results, and nothing fails to load. Prints "search: N passed,
// M failed" and exits non-zero on a failure.
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { chromium } from "playwright-core";

const sites = process.argv.slice(2).map((s) => resolve(s));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let passed = 0;
const failures = [];
const check = (ok, where, what) => (ok ? passed++ : failures.push(`${where}: ${what}`));

// The site's index as the page's scripts file it.
async function readIndex(site) {
  const window = {};
  const dir = join(site, "search");
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".js"))) {
    vm.runInNewContext(await readFile(join(dir, name), "utf8"), { window });
  }
  const store = window.glossSearch;
  const documents = store.index.chunks.flatMap((_, n) => store[`docs-${n}`]);
  return documents.map(([kind, title, href, meta, passages]) => ({ kind, title, href, meta, passages }));
}

// A phrase from `text`: three words of a spaced script, or four
// characters of one written without spaces, from the middle.
const UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/u;
function phraseOf(text) {
  if (UNSPACED.test(text)) {
    const chars = [...text].filter((c) => UNSPACED.test(c));
    const at = Math.floor(chars.length / 2);
    const run = [...text].slice([...text].indexOf(chars[at])).join("");
    return run.match(/^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]{2,4}/u)?.[0] ?? null;
  }
  const words = text.split(/\s+/).filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
  if (words.length < 3) return null;
  const at = Math.floor((words.length - 3) / 2);
  const run = words.slice(at, at + 3).join(" ");
  return text.includes(run) ? run : null;
}
const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

async function searchFor(page, url, query) {
  await page.goto(`${url}?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => {
    const status = document.getElementById("search-status").textContent;
    return status !== "" && document.getElementById("search-results").children.length > 0 || /\b0\b|Nothing|Aucun/.test(status);
  }, null, { timeout: 10000 });
}

async function results(page) {
  return page.$$eval("#search-results > li", (lis) => lis.map((li) => ({
    href: li.querySelector("a").getAttribute("href"),
    title: li.querySelector("a").textContent,
    meta: li.querySelector(".meta")?.textContent ?? "",
    marks: [...li.querySelectorAll(".search-passage mark")].map((m) => m.textContent),
    passageHref: li.querySelector(".search-passage a")?.getAttribute("href") ?? null,
  })));
}

for (const site of sites) {
  const name = site.split("/").pop();
  const documents = await readIndex(site);
  const url = pathToFileURL(join(site, "search", "index.html")).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));

  // Up to twelve documents with passages, spread over the site.
  const withText = documents.filter((d) => d.passages.some(([, text]) => phraseOf(text)));
  const step = Math.max(1, Math.floor(withText.length / 12));
  for (const doc of withText.filter((_, i) => i % step === 0).slice(0, 12)) {
    const passage = doc.passages.find(([, text]) => phraseOf(text));
    const phrase = phraseOf(passage[1]);
    const where = `${name}: "${phrase}" (${doc.href})`;
    await searchFor(page, url, `${phrase} `);
    let found = await results(page);
    while (!found.some((r) => r.href.endsWith(doc.href)) && await page.isVisible("#search-more")) {
      const before = found.length;
      await page.click("#search-more");
      await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, before);
      found = await results(page);
    }
    const mine = found.find((r) => r.href.endsWith(doc.href));
    check(mine !== undefined, where, `not among ${found.length} results`);
    if (!mine) continue;
    const holds = found.map((r) => r.marks.some((m) => fold(m) === fold(phrase)) ||
      [r.title, r.meta].some((line) => fold(line).includes(fold(phrase))));
    check(holds[found.indexOf(mine)], where, `its result does not mark the phrase: ${JSON.stringify(mine)}`);
    check(holds.indexOf(false) === -1 || holds.lastIndexOf(true) < holds.indexOf(false), where,
      `a result without the phrase ranks before one with it: ${holds}`);
    if (mine.passageHref) {
      const [file, anchor] = new URL(mine.passageHref, url).href.split("#");
      const target = await readFile(new URL(file), "utf8");
      check(target.includes(`id="${anchor}"`), where, `${mine.passageHref} names no element of its page`);
    }
  }

  // The query is kept in the address; "show more" adds the next results.
  const common = documents.filter((d) => d.href.startsWith("articles/")).map((d) => d.title.split(/\s+/)[0]).find(Boolean);
  if (common) {
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
    await page.fill("#search-box", common.slice(0, 3));
    await page.waitForFunction(() => document.getElementById("search-results").children.length > 0);
    check(new URL(page.url()).searchParams.get("q") === common.slice(0, 3), name, `the address is ${page.url()}`);
    if (await page.isVisible("#search-more")) {
      const before = (await results(page)).length;
      await page.click("#search-more");
      await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, before);
      passed++;
    }
  }
  check(problems.length === 0, name, problems.join("; "));
  await context.close();
}

await browser.close();
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`search: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
