// Sidenotes that fit: every article page of the sites given, opened from
// disk in Debian's Chromium at the widths where sidenotes show, has each
// sidenote in the margin on the text's inline-end side (the right for
// left-to-right text, the left for right-to-left), inside the window, and
// overlapping nothing: no other sidenote, no block of the report's text,
// nothing that follows the report (its notes, its [sic] list). Prints
// "layout: N passed, M failed" and exits non-zero on a failure.
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const sites = process.argv.slice(2).map((s) => resolve(s));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let passed = 0;
const failures = [];
const check = (ok, where, what) => (ok ? passed++ : failures.push(`${where}: ${what}`));

const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

for (const site of sites) {
  const articles = join(site, "articles");
  const dirs = (await readdir(articles, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  // A former slug's page (`aliases`) only redirects to the report's.
  const redirects = await Promise.all(dirs.map(async (dir) =>
    (await readFile(join(articles, dir, "index.html"), "utf8")).includes('http-equiv="refresh"')));
  const slugs = dirs.filter((_, i) => !redirects[i]);
  for (const width of [1024, 1280, 1600]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const slug of slugs.sort()) {
      const where = `${site.split("/").pop()}/articles/${slug} @${width}`;
      await page.goto(pathToFileURL(join(articles, slug, "index.html")).href);
      const layout = await page.evaluate(() => {
        const box = (e) => {
          const r = e.getBoundingClientRect();
          return { left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY };
        };
        const body = document.querySelector(".report-body");
        if (!body) return null;
        const notes = [...body.querySelectorAll(".sidenote")].filter((s) => getComputedStyle(s).display !== "none");
        const blocks = [...body.children].filter((e) => !e.classList.contains("sidenote"));
        const after = [];
        for (let e = body.nextElementSibling; e; e = e.nextElementSibling) after.push(e);
        for (let e = body.closest("article")?.nextElementSibling; e; e = e.nextElementSibling) after.push(e);
        return {
          rtl: getComputedStyle(body).direction === "rtl",
          column: box(body),
          viewport: document.documentElement.clientWidth,
          notes: notes.map(box),
          blocks: blocks.map(box),
          after: after.filter((e) => e.getBoundingClientRect().height > 0).map(box),
        };
      });
      if (!layout || layout.notes.length === 0) continue;
      const { notes, column } = layout;
      check(notes.every((n) => (layout.rtl ? n.right <= column.left + 0.5 : n.left >= column.right - 0.5)), where,
        `a sidenote is not in the ${layout.rtl ? "left" : "right"} margin`);
      check(notes.every((n) => n.left >= 0 && n.right <= layout.viewport + 0.5), where, "a sidenote leaves the window");
      check(notes.every((n, i) => notes.every((m, j) => i === j || !overlap(n, m))), where, "sidenotes overlap each other");
      check(notes.every((n) => layout.blocks.every((b) => !overlap(n, b))), where, "a sidenote overlaps the report's text");
      check(notes.every((n) => layout.after.every((b) => !overlap(n, b))), where,
        "a sidenote overlaps what follows the report (its notes)");
    }
    await context.close();
  }
}
await browser.close();
for (const f of failures) console.error(f);
console.log(`layout: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
