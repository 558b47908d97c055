// The preview's annotation panel, driven in Debian's Chromium as an editor
// would: a dossier written here (a ferry service cut, in English, French and Chinese,
// with a passage that occurs twice and a slip in a headline) is served by
// `gloss serve`; passages are selected with the mouse (and one with the
// keyboard, through caret browsing) and annotated as a new claim, a passage
// of an existing claim and a [sic]; after each save the page
// reloads with the mark in the right place and `gloss check` passes. The
// panel is checked with axe, used from the keyboard, and forged requests (no
// token, another origin, another host name) are refused with nothing written.
// Last, a broken edit's error overlay is dismissed and brought back.
// Usage: node annotate.mjs path/to/gloss
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, mkdir, writeFile, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const gloss = process.argv[2];
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const failures = [];
let passed = 0;
const check = (ok, what) => (ok ? passed++ : failures.push(what));

const dossier = await mkdtemp(join(tmpdir(), "gloss-annotate-"));
const files = {
  "book.toml": `[book]\ntitle = "The Isle ferry cut"\nlanguage = "en"\n`,
  "content/articles/ferry-cut.md": `+++
title = "Ferry sevice to Isle of Carrow cut to two crossings"
published = 2025-02-11T08:30:00+00:00
outlet = "The Carrow Courier"
+++
The harbour board said on Monday that the ferry will stop running on Sundays from 1 June, and that fares would rise by 12%.

Mayor Ada Okafor called the decision "a betrayal of the island". She said the board had promised in 2023 to keep seven crossings a week.

In a statement, the board repeated that the ferry will stop running on Sundays from 1 June, citing a shortfall of £1.4 million.
`,
  "content/articles/traversier.md": `+++
title = "Carrow : la liaison du dimanche supprimée"
published = 2025-02-12
language = "fr"
+++
Selon l'autorité portuaire, le traversier cessera de circuler le dimanche à partir du 1er juin.

La maire, Ada Okafor, a dénoncé « une trahison de l'île ».
`,
  "content/articles/gangwu.md": `+++
title = "卡罗岛周日渡轮停航"
published = 2025-02-12
language = "zh"
+++
港务局周一表示，从六月一日起周日渡轮将停航。港务局随后重申，从六月一日起周日渡轮将停航，并称资金短缺一百四十万英镑。
`,
  "content/annotations/ferry.toml": `[[entity]]
id = "harbour-board"
name = "Carrow Harbour Board"
kind = "organization"

[[entity]]
id = "ada-okafor"
name = "Ada Okafor"
kind = "person"

[[claim]]
id = "fares-rise"
title = "Ferry fares will rise by 12%"
claimant = "harbour-board"
status = "unverified"
allow = ["unsourced-claim"]

  [[claim.appearance]]
  article = "ferry-cut"
  quote = "fares would rise by 12%"
`,
};
for (const [path, text] of Object.entries(files)) {
  await mkdir(join(dossier, path, ".."), { recursive: true });
  await writeFile(join(dossier, path), text);
}
const annotations = join(dossier, "content/annotations/ferry.toml");

const server = spawn(gloss, ["serve", dossier, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
const origin = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stderr });
  lines.on("line", (line) => {
    const served = line.match(/^Serving (http:\/\/[^/]+)\//);
    if (served) resolve(served[1]);
  });
  server.on("exit", () => reject(new Error("gloss serve exited early")));
});

const glossCheck = () => spawnSync(gloss, ["check", dossier], { encoding: "utf8" });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // Caret browsing (F7 in a desktop Chromium) lets the keyboard select text.
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-caret-browsing"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
const page = await context.newPage();
const problems = [];
page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("request", (r) => !r.url().startsWith(origin) && problems.push(`outside request: ${r.url()}`));

/// Where the `nth` occurrence of `words` in `selector` starts and ends on
/// the screen.
async function placeOf(selector, words, nth = 0) {
  const box = await page.evaluate(({ selector, words, nth }) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let at = node.data.indexOf(words);
      while (at >= 0) {
        if (seen++ === nth) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          range.startContainer.parentElement.scrollIntoView({ block: "center" });
          const rects = [...range.getClientRects()];
          const first = rects[0], last = rects[rects.length - 1];
          return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
        }
        at = node.data.indexOf(words, at + 1);
      }
    }
    return null;
  }, { selector, words, nth });
  if (!box) throw new Error(`"${words}" (#${nth + 1}) is not in ${selector}`);
  return box;
}

/// Drags the mouse over the `nth` occurrence of `words` in the element
/// `selector`, as an editor selecting them would.
async function dragOver(selector, words, nth = 0) {
  const box = await placeOf(selector, words, nth);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

const panel = page.locator("#gloss-annotate");

async function drafted(expectedQuote) {
  await panel.waitFor({ state: "visible", timeout: 10000 });
  await page.waitForFunction(
    (q) => document.querySelectorAll("#gloss-annotate .gloss-found dd")[1]?.textContent === q,
    expectedQuote, { timeout: 10000 });
}

async function savedAndReloaded() {
  const reloaded = page.waitForEvent("load", { timeout: 20000 });
  await page.click("#gloss-annotate .gloss-save");
  await reloaded;
}

try {
  // 1. A new claim on the second of two identical passages.
  const passage = "the ferry will stop running on Sundays from 1 June";
  await page.goto(`${origin}/articles/ferry-cut/`);
  await dragOver(".report-body", passage, 1);
  await drafted(passage);
  const suffix = await page.locator("#gloss-annotate .gloss-found dd").nth(3).textContent();
  check(suffix === ", citing", `the suffix picks the second passage: got "${suffix}"`);
  await page.fill("#gloss-claim-id", "sunday-ferry-ends");
  await page.fill("#gloss-claim-title", "The Sunday ferry ends on 1 June");
  await page.selectOption("#gloss-claimant", "harbour-board");
  await page.selectOption("#gloss-verdict", "corroborated");
  await page.waitForFunction(() => document.querySelector("#gloss-annotate .gloss-toml").textContent.includes('id = "sunday-ferry-ends"'));
  const toml = await page.locator("#gloss-annotate .gloss-toml").textContent();
  check(toml.includes('status = "corroborated"') && toml.includes('claimant = "harbour-board"'),
    `the TOML carries the choices: ${toml}`);
  check(await page.inputValue("#gloss-file") === "ferry.toml", "the file defaults to where this report's claims are");

  await page.click("#gloss-annotate button:text('Copy')");
  await page.waitForFunction(() => document.querySelector("#gloss-annotate .gloss-status").textContent.startsWith("Copied"));
  check((await page.evaluate(() => navigator.clipboard.readText())) === toml, "Copy puts the TOML on the clipboard");

  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => `${v.id}: ${v.nodes.length}`));
  check(violations.length === 0, `axe on the open panel: ${violations.join("; ")}`);
  await page.screenshot({ path: join(process.env.SCREENSHOTS ?? tmpdir(), "annotate-panel.png") });

  await savedAndReloaded();
  const marks = await page.evaluate(() => [...document.querySelectorAll('mark.claim[data-claim="sunday-ferry-ends"]')]
    .map((m) => ({ text: m.textContent, paragraph: [...document.querySelectorAll(".report-body > p")].indexOf(m.closest("p")) })));
  check(marks.length === 1 && marks[0].text === passage && marks[0].paragraph === 2,
    `one mark, on the second passage (third paragraph): ${JSON.stringify(marks)}`);
  let checked = glossCheck();
  check(checked.status === 0, `gloss check passes after saving a claim: ${checked.stderr}`);

  // 2. The same claim in the French report, selected and chosen with the keyboard.
  await page.goto(`${origin}/articles/traversier/`);
  const start = await placeOf(".report-body", "le traversier cessera de circuler le dimanche");
  await page.mouse.click(start.x1 - 1, start.y1);
  for (let word = 0; word < 7; word++) await page.keyboard.press("Control+Shift+ArrowRight");
  await drafted("le traversier cessera de circuler le dimanche");
  await page.keyboard.press("Alt+Shift+A");
  check(await page.evaluate(() => document.activeElement?.id === "gloss-kind-claim"), "Alt+Shift+A moves to the panel");
  await page.keyboard.press("ArrowDown");
  check(await page.evaluate(() => document.activeElement?.id === "gloss-kind-appearance"), "the kinds are radio buttons");
  await page.fill("#gloss-claim-search", "sunday");
  await page.waitForFunction(() => document.querySelector("#gloss-claim")?.value === "sunday-ferry-ends");
  await page.waitForFunction(() => document.querySelector("#gloss-annotate .gloss-where").textContent.includes("sunday-ferry-ends"));
  const where = await page.locator("#gloss-annotate .gloss-where").textContent();
  check(where.includes("after claim `sunday-ferry-ends`'s table in content/annotations/ferry.toml"),
    `an appearance goes after its claim: ${where}`);
  await savedAndReloaded();
  check(await page.locator('mark.claim[data-claim="sunday-ferry-ends"]').count() === 1, "the French report has the mark");
  const written = await readFile(annotations, "utf8");
  const claimAt = written.indexOf('id = "sunday-ferry-ends"');
  const appearanceAt = written.indexOf('article = "traversier"');
  check(claimAt > 0 && appearanceAt > claimAt && appearanceAt < written.indexOf("[[claim.source]]", claimAt),
    `the appearance is inside the claim's table:\n${written}`);

  // 2b. A Chinese report, unspaced: the second of two identical passages.
  await page.goto(`${origin}/articles/gangwu/`);
  await dragOver(".report-body", "从六月一日起周日渡轮将停航", 1);
  await drafted("从六月一日起周日渡轮将停航");
  const zhContext = await page.locator("#gloss-annotate .gloss-found dd").nth(2).textContent();
  check(zhContext.startsWith("重申") || zhContext.endsWith("申，") || zhContext.endsWith("申,"),
    `the prefix picks the second Chinese passage: got "${zhContext}"`);
  await page.check("#gloss-kind-appearance");
  await page.fill("#gloss-claim-search", "sunday");
  await page.waitForFunction(() => document.querySelector("#gloss-annotate .gloss-where").textContent.includes("sunday-ferry-ends"));
  await savedAndReloaded();
  const zhMark = await page.evaluate(() => {
    const mark = document.querySelector('mark.claim[data-claim="sunday-ferry-ends"]');
    const before = document.createRange();
    before.setStart(mark.closest("p"), 0);
    before.setEndBefore(mark);
    return { text: mark.textContent, before: before.toString() };
  });
  check(zhMark.text === "从六月一日起周日渡轮将停航" && zhMark.before.includes("重申"),
    `the Chinese mark is on the second passage: ${JSON.stringify(zhMark)}`);

  // 3. A [sic] on the headline's slip.
  await page.goto(`${origin}/articles/ferry-cut/`);
  await dragOver(".report-header h1", "sevice");
  await drafted("sevice");
  await page.check("#gloss-kind-sic");
  await page.fill("#gloss-sic-note", "For “service”.");
  await page.waitForFunction(() => document.querySelector("#gloss-annotate .gloss-toml").textContent.includes('in = "title"'));
  await savedAndReloaded();
  check(await page.locator(".report-header h1 mark.sic").textContent() === "sevice", "the headline's slip is marked [sic]");
  checked = glossCheck();
  check(checked.status === 0, `gloss check passes after all three saves: ${checked.stderr}`);

  // What is left, in the preview, on a page that passes axe.
  await page.goto(`${origin}/__gloss/todo/`);
  const left = await page.locator("main section li").allTextContents();
  const listed = (what) => left.some((item) => new RegExp(`^${what} \\(in ¶ p-[a-z0-9-]+\\) is in no claim$`).test(item));
  check(listed("date “Monday”") && listed("quoted “a betrayal of the island”"),
    `the todo page lists what is left, each in its paragraph: ${JSON.stringify(left)}`);
  await page.evaluate(axeSource);
  const todoViolations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => `${v.id}: ${v.nodes.length}`));
  check(todoViolations.length === 0, `axe on the todo page: ${todoViolations.join("; ")}`);
  // Each place links to its paragraph on the report's page.
  const place = await page.locator("main section li", { hasText: "“Monday”" }).locator("a").first().getAttribute("href");
  await page.goto(`${origin}${place}`);
  const paragraph = await page.locator(`[id="${place.split("#")[1]}"]`).textContent();
  check(paragraph.includes("Monday"), `the place ${place} is the paragraph that says Monday: ${paragraph}`);
  check(problems.length === 0, `no console error or outside request: ${problems.join("; ")}`);

  // 4. Forged requests: nothing is written.
  await page.goto(`${origin}/articles/ferry-cut/`);
  const before = await readFile(annotations, "utf8");
  const token = await page.evaluate(() => document.querySelector("script[data-token]").dataset.token);
  const body = JSON.stringify({ article: "ferry-cut", quote: "Mayor Ada Okafor", action: { kind: "claim", id: "forged" }, file: "ferry.toml" });
  const post = (headers) => new Promise((resolve, reject) => {
    const url = new URL("/__gloss/annotate/save", origin);
    const sent = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST",
      headers: { "Content-Type": "application/json", ...headers } }, (res) => { res.resume(); resolve(res.statusCode); });
    sent.on("error", reject);
    sent.end(body);
  });
  const host = new URL(origin).host;
  check(await post({ Host: host }) === 403, "a save without the token is refused");
  check(await post({ Host: host, "X-Gloss-Token": "0".repeat(32) }) === 403, "a save with a wrong token is refused");
  check(await post({ Host: host, "X-Gloss-Token": token, Origin: "http://evil.example" }) === 403,
    "a save from another origin is refused");
  check(await post({ Host: `evil.example:${new URL(origin).port}`, "X-Gloss-Token": token }) === 403,
    "a save through another host name (DNS rebinding) is refused");
  const fromPage = await page.evaluate(async (body) => (await fetch("/__gloss/annotate/save", { method: "POST", body })).status, body);
  check(fromPage === 403, "even a same-origin request needs the token");
  check(await readFile(annotations, "utf8") === before, "forged requests wrote nothing");

  // 5. A broken edit: the errors cover the page until dismissed, and come back on demand.
  const good = await readFile(annotations, "utf8");
  const reloadedAfterFix = async () => {
    const reloaded = page.waitForEvent("load", { timeout: 20000 });
    await writeFile(annotations, good);
    await reloaded;
  };
  await writeFile(annotations, `${good}\n[[claim]\nid = "broken"\n`);
  const overlay = page.locator("#gloss-serve-overlay");
  await overlay.waitFor({ state: "visible", timeout: 20000 });
  check((await overlay.textContent()).includes("ferry.toml"), "the overlay names the broken file");
  const covered = () => page.evaluate(() => {
    const h1 = document.querySelector(".report-header h1").getBoundingClientRect();
    const top = document.elementFromPoint(h1.left + 5, h1.top + h1.height / 2);
    return !top.closest(".report-header");
  });
  check(await covered(), "the overlay covers the page");
  await page.click("#gloss-serve-overlay button");
  check(await overlay.count() === 0 && !(await covered()), "Dismiss shows the last good page");
  await page.click("#gloss-serve-errors-bar button");
  check(await overlay.isVisible(), "the bar brings the errors back");
  await page.keyboard.press("Escape");
  check(await overlay.count() === 0, "Escape dismisses the errors");
  await reloadedAfterFix();
  check(await page.locator("#gloss-serve-errors-bar").count() === 0, "a good build clears the bar");
} catch (e) {
  failures.push(`stopped: ${e.stack}`);
} finally {
  await browser.close();
  server.kill();
  await rm(dossier, { recursive: true, force: true });
}

for (const f of failures) console.error(`FAIL annotate: ${f}`);
console.log(`annotation panel: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
