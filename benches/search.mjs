// What a reader's first query costs: the search page of a built site,
// opened from disk in Chromium, each query given in the address of a fresh
// page; prints how many files it loaded and their bytes (the page, its
// stylesheet and scripts, and the parts of the index) and how long until
// its results showed. Uses the browser suite's
// playwright-core (`bash tests/browser/run.sh` installs it).
//
//   node benches/search.mjs SITE QUERY...
import { createRequire } from "node:module";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const [site, ...queries] = process.argv.slice(2);
const page_ = pathToFileURL(join(resolve(site), "search", "index.html")).href;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
console.log("| query | matches | files loaded | bytes loaded, page included | first results after (ms) |");
console.log("|---|---:|---:|---:|---:|");
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set();
  page.on("request", (r) => r.url().startsWith("file:") && files.add(r.url().split("?")[0]));
  const started = Date.now();
  await page.goto(`${page_}?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "", null, { timeout: 60000 });
  const took = Date.now() - started;
  const status = await page.textContent("#search-status");
  let bytes = 0;
  for (const url of files) bytes += (await stat(fileURLToPath(url))).size;
  console.log(`| \`${query}\` | ${status.match(/[\d,]+/)?.[0] ?? 0} | ${files.size} | ${(bytes / 1024).toFixed(1)} KB | ${took} |`);
  await context.close();
}
await browser.close();
