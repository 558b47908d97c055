// gloss's browser suite: the default dossier, built, served on 127.0.0.1 and
// loaded in Debian's Chromium through playwright-core (never a downloaded
// browser). Checks every page for console errors, failed and outside
// requests and axe-core violations (light and dark), page weight, the
// footnote round trip at desktop and phone widths, horizontal overflow,
// sidenotes and their highlighting, print, the timeline's spans and
// filters, search, and writes screenshots for review. The HTML checker runs in run.sh.
import { createServer } from "node:http";
import { readFile, readdir, stat, mkdir } from "node:fs/promises";
import { join, extname, resolve } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const site = resolve(process.argv[2]);
const shots = resolve(process.argv[3]);
await mkdir(shots, { recursive: true });

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml",
  ".ico": "image/x-icon", ".json": "application/json", ".jsonld": "application/ld+json", ".xml": "application/xml",
  ".txt": "text/plain" };
const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  try {
    const file = join(site, path);
    if ((await stat(file)).isDirectory()) throw new Error("directory");
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

async function pages(dir, prefix = "/") {
  const out = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) out.push(...(await pages(join(dir, entry.name), `${prefix}${entry.name}/`)));
    else if (entry.name === "index.html") out.push(prefix);
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
let passed = 0;
const check = (ok, where, what) => (ok ? passed++ : fail(where, what));

async function open(path, { width = 1280, height = 900, scheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));
  page.on("request", (r) => !r.url().startsWith(origin) && !r.url().startsWith("data:") && problems.push(`outside request: ${r.url()}`));
  const response = await page.goto(origin + path, { waitUntil: "load" });
  if (!response || response.status() !== 200) problems.push(`status ${response?.status()}`);
  return { context, page, problems };
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(" ")}`);
}

// What a page costs to load: the document and everything it fetched.
const weigh = (page) => page.evaluate(() => {
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  const css = entries.filter((e) => e.name.endsWith(".css")).reduce((n, e) => n + e.decodedBodySize, 0);
  return { total: entries.reduce((n, e) => n + e.decodedBodySize, 0), css };
});
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let heaviest = { path: "", total: 0, css: 0 };

// Every page, light and dark: no console error, no failed or outside request, no axe violation.
const all = await pages(site);
for (const path of all) {
  for (const scheme of ["light", "dark"]) {
    const { context, page, problems } = await open(path, { scheme });
    if (scheme === "light") {
      const weight = await weigh(page);
      if (weight.total > heaviest.total) heaviest = { path, ...weight };
      check(weight.css < 48 * 1024, path, `loads ${kb(weight.css)} of CSS`);
    }
    const violations = await axe(page);
    check(problems.length === 0, `${path} (${scheme})`, problems.join("; "));
    check(violations.length === 0, `${path} (${scheme})`, `axe: ${violations.join("; ")}`);
    await context.close();
  }
}

// The footnote round trip, at desktop and phone widths; no horizontal overflow on phones.
const article = "/articles/china-infuriated-by-spying-accusation/";
for (const width of [1280, 375]) {
  const { context, page } = await open(article, { width, height: 800 });
  const marker = page.locator("sup.claim-ref a").first();
  const noteId = (await marker.getAttribute("href")).slice(1);
  await marker.click();
  await page.waitForFunction((id) => location.hash === `#${id}`, noteId);
  const note = page.locator(`[id="${noteId}"]`);
  check(await note.isVisible() && (await note.boundingBox()).y < 800, `${article} @${width}`, "the note is not in view after clicking its marker");
  check(await page.evaluate((id) => document.activeElement?.id === id, noteId), `${article} @${width}`, "the note does not have focus");
  const back = note.locator(".backrefs a").first();
  const markerId = (await back.getAttribute("href")).slice(1);
  await back.click();
  await page.waitForFunction((id) => location.hash === `#${id}`, markerId);
  const box = await page.locator(`[id="${markerId}"]`).boundingBox();
  check(box && box.y > -5 && box.y < 800, `${article} @${width}`, "the back-link does not return to the marker");
  if (width === 375) {
    for (const path of all) {
      await page.goto(origin + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(overflow <= 0, `${path} @375`, `overflows horizontally by ${overflow}px`);
    }
  }
  await context.close();
}

// The timeline draws a span taller than a point event, in date order.
{
  const { context, page } = await open("/timeline/");
  const measure = (selector) => page.evaluate((s) => {
    const el = document.querySelector(s);
    return parseFloat(getComputedStyle(el, "::before").height);
  }, selector);
  const span = await measure("li.timeline-span");
  const point = await measure("li.timeline-event:not(.timeline-span)");
  check(span > point, "/timeline/", `a span (${span}px) is not drawn larger than a point event (${point}px)`);
  const dates = await page.$$eval("ol.timeline > li .when time:first-child", (ts) => ts.map((t) => t.getAttribute("datetime")));
  check(dates.every((d, i) => i === 0 || dates[i - 1] <= d), "/timeline/", "entries are not in date order");
  await context.close();
}

// Sidenotes: beside their passages in the margin on wide screens, without
// overlapping one another or the text, and with no layout shift; hidden on
// phones and in print, where the numbered notes under the text serve.
{
  const { context, page } = await open(article, { width: 1280, height: 900 });
  const shift = await page.evaluate(() => new Promise((done) => {
    let total = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) total += e.value; })
      .observe({ type: "layout-shift", buffered: true });
    setTimeout(() => done(total), 500);
  }));
  check(shift === 0, `${article} @1280`, `layout shift ${shift}`);
  const layout = await page.evaluate(() => {
    const body = document.querySelector(".report-body").getBoundingClientRect();
    return [...document.querySelectorAll(".report-body .sidenote")].map((s) => {
      const box = s.getBoundingClientRect();
      const marker = s.previousElementSibling.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, visible: getComputedStyle(s).display !== "none",
        markerTop: marker.top, textRight: body.right, viewport: document.documentElement.clientWidth };
    });
  });
  check(layout.length > 0 && layout.every((n) => n.visible), `${article} @1280`, "sidenotes are not shown");
  check(layout.every((n) => n.left >= n.textRight && n.right <= n.viewport), `${article} @1280`, "a sidenote is not in the margin");
  check(layout.every((n, i) => i === 0 || n.top >= layout[i - 1].bottom), `${article} @1280`, "sidenotes overlap");
  check(layout.every((n) => n.top >= n.markerTop - 40), `${article} @1280`, "a sidenote sits above its passage");
  check(layout[0].top - layout[0].markerTop < 40, `${article} @1280`, "the first sidenote is not beside its passage");

  const background = (selector) => page.evaluate((s) => getComputedStyle(document.querySelector(s)).backgroundColor, selector);
  const mark = "mark.claim[id]";
  const sidenote = `.report-body .sidenote`;
  const [markBefore, noteBefore] = [await background(mark), await background(sidenote)];
  await page.hover(mark);
  check(await background(sidenote) !== noteBefore, `${article} @1280`, "hovering a passage does not highlight its sidenote");
  await page.mouse.move(0, 0);
  await page.hover(sidenote);
  check(await background(mark) !== markBefore, `${article} @1280`, "hovering a sidenote does not highlight its passage");
  await page.mouse.move(0, 0);
  await page.focus("sup.claim-ref a");
  check(await background(mark) !== markBefore && await background(sidenote) !== noteBefore, `${article} @1280`,
    "focusing a marker does not highlight its passage and sidenote");

  await page.emulateMedia({ media: "print" });
  const print = await page.evaluate(() => ({
    sidenotes: [...document.querySelectorAll(".sidenote")].filter((s) => getComputedStyle(s).display !== "none").length,
    notes: [...document.querySelectorAll(".notes li.note")].filter((n) => getComputedStyle(n).display !== "none").map((n) => n.value),
    // The stylesheet draws each marker's number.
    markers: [...document.querySelectorAll("sup.claim-ref a")].map((a) => Number(getComputedStyle(a, "::after").content.replace(/"/g, ""))),
  }));
  check(print.sidenotes === 0, `${article} (print)`, "sidenotes print");
  check(print.notes.length > 0 && print.markers.every((m) => print.notes.includes(m)), `${article} (print)`,
    "a marker's number has no printed note");
  await context.close();

  const phone = await open(article, { width: 375, height: 800 });
  const shown = await phone.page.$$eval(".sidenote", (ns) => ns.filter((n) => getComputedStyle(n).display !== "none").length);
  check(shown === 0, `${article} @375`, "sidenotes show on a phone");
  await phone.context.close();
}

// The timeline's filters narrow it with CSS alone (JavaScript is off here).
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + "/timeline/");
  const visible = () => page.$$eval("ol.timeline > li", (ls) => ls.filter((l) => l.checkVisibility()).map((l) => l.dataset));
  const everything = (await visible()).length;
  for (const [filter, attribute] of [["entity", "entities"], ["verdict", "verdicts"]]) {
    const values = await page.$$eval(`#filter-${filter} option`, (os) => os.map((o) => o.value).filter(Boolean));
    check(values.length > 0, "/timeline/", `the ${filter} filter offers nothing`);
    for (const value of values.slice(0, 4)) {
      await page.selectOption(`#filter-${filter}`, value);
      const shown = await visible();
      check(shown.length > 0 && shown.length < everything && shown.every((d) => d[attribute].split(" ").includes(value)),
        "/timeline/", `filtering by ${filter} ${value} shows ${shown.length} of ${everything}`);
      const emptyMonths = await page.$$eval(".timeline-month", (ms) => ms.filter((m) => m.checkVisibility()
        && ![...m.querySelectorAll("li")].some((l) => l.checkVisibility())).length);
      check(emptyMonths === 0, "/timeline/", `filtering by ${filter} ${value} leaves empty months`);
    }
    await page.selectOption(`#filter-${filter}`, "");
    check((await visible()).length === everything, "/timeline/", `clearing the ${filter} filter does not restore the list`);
  }
  await context.close();
}

// Search finds claims by the words of their quotes and links to them; the
// query is kept in the address.
{
  const { context, page, problems } = await open("/search/?q=1.18%20million");
  // Results come once the index's parts they need have loaded.
  const shown = (text) => page.waitForFunction((t) => [...document.querySelectorAll("#search-results li")]
    .some((li) => li.textContent.includes(t)), text, { timeout: 10000 }).catch(() => {});
  await shown("1.18 million");
  const results = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
  check(results.includes("../claims/us-botnets-controlled-chinese-hosts/index.html"), "/search/", `"1.18 million" found ${results}`);
  await page.fill("#search-box", "baucus");
  await shown("Max Baucus");
  const found = await page.$$eval("#search-results li", (ls) => ls.map((l) => l.textContent));
  check(found.some((t) => t.includes("Max Baucus")), "/search/", `"baucus" found ${found}`);
  check(page.url().endsWith("?q=baucus"), "/search/", `the address is ${page.url()}`);
  await page.click("#search-results a");
  await page.waitForLoadState("load");
  check(problems.length === 0 && page.url().includes("/index.html"), "/search/", `following a result: ${problems.join("; ")}`);
  await context.close();
}

// Screenshots for review.
for (const [name, path] of [["article", article], ["claim", "/claims/us-botnets-controlled-chinese-hosts/"], ["timeline", "/timeline/"], ["search", "/search/?q=million"]]) {
  for (const [device, width] of [["desktop", 1280], ["phone", 375]]) {
    const { context, page } = await open(path, { width, height: 900 });
    await page.screenshot({ path: join(shots, `${name}-${device}.png`), fullPage: true });
    await context.close();
  }
}

console.log(`heaviest page: ${heaviest.path}, ${kb(heaviest.total)} with everything it loads (${kb(heaviest.css)} of CSS)`);
await browser.close();
server.close();
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`browser: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
