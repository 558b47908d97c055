// gloss's browser suite: the default dossier, built, served on 127.0.0.1 and
// loaded in Debian's Chromium through playwright-core (never a downloaded
// browser). Checks every page for console errors, failed and outside
// requests and axe-core violations (light and dark), the footnote round
// trip at desktop and phone widths, horizontal overflow, the timeline's
// spans, and writes screenshots for review. The HTML checker runs in run.sh.
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

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml",
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

// Every page, light and dark: no console error, no failed or outside request, no axe violation.
const all = await pages(site);
for (const path of all) {
  for (const scheme of ["light", "dark"]) {
    const { context, page, problems } = await open(path, { scheme });
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

// Screenshots for review.
for (const [name, path] of [["article", article], ["claim", "/claims/us-botnets-controlled-chinese-hosts/"], ["timeline", "/timeline/"]]) {
  for (const [device, width] of [["desktop", 1280], ["phone", 375]]) {
    const { context, page } = await open(path, { width, height: 900 });
    await page.screenshot({ path: join(shots, `${name}-${device}.png`), fullPage: true });
    await context.close();
  }
}

await browser.close();
server.close();
for (const f of failures) console.error(`FAIL ${f}`);
console.log(`browser: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
