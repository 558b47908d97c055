// annotations.jsonld and the pages it links, read by Apache Annotator
// (@apache-annotator/dom) in a DOM parsed by jsdom: the pages hold every
// annotation, and every annotation's TextQuoteSelector matches its
// article page exactly once, and its FragmentSelector names an element of
// that page that holds the whole quote: the quote's own mark, whose text
// is the quote, or (for a quote drawn in pieces because it runs into a
// link or emphasis) its paragraph, in which the selector's refinedBy
// TextQuoteSelector matches the same quote exactly once.
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
  // The site's root, as its URLs give it: a base URL may have a path.
  const root = new URL(collection.id.replace(/annotations\.jsonld$/, ""), "http://site/").pathname;
  const documents = new Map();
  const parse = async (source) => {
    if (!documents.has(source)) {
      const path = new URL(source, "http://site/").pathname.slice(root.length);
      const html = await readFile(join(site, path, "index.html"), "utf8");
      documents.set(source, new JSDOM(html).window.document);
    }
    return documents.get(source);
  };
  // The collection's pages, followed from the first by their `next`.
  const items = [...collection.first.items];
  let pages = 1;
  for (let next = collection.first.next; next; pages++) {
    const path = new URL(next, "http://site/").pathname.slice(root.length);
    const page = JSON.parse(await readFile(join(site, path), "utf8"));
    check(page.partOf?.id === collection.id && page.startIndex === items.length,
      `${site}: ${next} is part of the collection and starts where the page before ends`);
    items.push(...page.items);
    next = page.next;
  }
  check(items.length === collection.total, `${site}: the ${pages} pages hold every annotation`);
  const matches = async (selector, node) => {
    const scope = node.ownerDocument.createRange();
    scope.selectNodeContents(node);
    let found = 0;
    for await (const _ of createTextQuoteSelectorMatcher(selector)(scope)) found++;
    return found;
  };
  for (const annotation of items) {
    const { source, selector } = annotation.target;
    const [quote, fragment] = selector;
    const document = await parse(source);
    const found = await matches(quote, document.body);
    check(found === 1, `${site}: ${annotation.id}: the quote “${quote.exact}” matches ${found} times`);
    if (!fragment) continue;
    const element = document.getElementById(fragment.value);
    if (fragment.refinedBy) {
      const within = element ? await matches(fragment.refinedBy, element) : 0;
      check(element?.tagName === "P" && fragment.refinedBy.exact === quote.exact && within === 1,
        `${site}: ${annotation.id}: #${fragment.value} holds the quote once (${within} times)`);
    } else {
      check(element?.textContent === quote.exact,
        `${site}: ${annotation.id}: #${fragment.value} is the whole quote (“${element?.textContent}”)`);
    }
  }
}
for (const f of failures.slice(0, 40)) console.error(`FAIL annotator: ${f}`);
console.log(`annotator: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
