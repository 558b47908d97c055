// annotations.jsonld, read by Apache Annotator (@apache-annotator/dom) in
// a DOM parsed by jsdom: every annotation's TextQuoteSelector matches its
// article page exactly once, and its FragmentSelector names the element of
// that page where the quote starts. (A quote split across elements, one
// that runs into a link, say, is marked piece by piece and the fragment
// names the first piece only: #26 leaves that to do.)
// Usage: node annotator.mjs SITE…
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { JSDOM } from "jsdom";
import { createTextQuoteSelectorMatcher } from "@apache-annotator/dom";

// The library reads these browser globals.
const { window } = new JSDOM("");
Object.assign(globalThis, { NodeFilter: window.NodeFilter, Node: window.Node, Range: window.Range });

const failures = [];
let passed = 0;
const check = (ok, what) => (ok ? passed++ : failures.push(what));

for (const site of process.argv.slice(2).map((s) => resolve(s))) {
  const collection = JSON.parse(await readFile(join(site, "annotations.jsonld"), "utf8"));
  const documents = new Map();
  const parse = async (source) => {
    if (!documents.has(source)) {
      const path = new URL(source, "http://site/").pathname;
      const html = await readFile(join(site, path, "index.html"), "utf8");
      documents.set(source, new JSDOM(html).window.document);
    }
    return documents.get(source);
  };
  const items = collection.first.items;
  check(items.length === collection.total, `${site}: the page holds every annotation`);
  for (const annotation of items) {
    const { source, selector } = annotation.target;
    const [quote, fragment] = selector;
    const document = await parse(source);
    const scope = document.createRange();
    scope.selectNodeContents(document.body);
    let matches = 0;
    for await (const _ of createTextQuoteSelectorMatcher(quote)(scope)) matches++;
    check(matches === 1, `${site}: ${annotation.id}: the quote “${quote.exact}” matches ${matches} times`);
    const element = document.getElementById(fragment.value);
    const piece = element?.textContent.trim() ?? "";
    check(piece !== "" && quote.exact.trim().startsWith(piece),
      `${site}: ${annotation.id}: #${fragment.value} is where the quote starts (“${piece}”)`);
  }
}
for (const f of failures.slice(0, 40)) console.error(`FAIL annotator: ${f}`);
console.log(`annotator: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
