// The exports, validated against their schemas: every page of claims.json
// (followed by `next`) against the claims.schema.json the same site publishes, with Ajv (JSON Schema
// draft 2020-12, strict); every sitemap (sites built with a base-url have
// one) against the sitemaps.org XSD, as shipped in the sitemap package,
// with xmllint (xmllint-wasm, libxml2 compiled to WebAssembly); every Atom
// feed (feed.xml, corrections/feed.xml) against RFC 4287's RELAX NG grammar
// (atom.rnc, Appendix B of the RFC) with jing, installed by run.sh.
// Usage: node exports.mjs SITE…
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { validateXML } from "xmllint-wasm";

const atomSchema = fileURLToPath(new URL("atom.rnc", import.meta.url));
const sitemapSchema = await readFile(
  fileURLToPath(new URL("node_modules/sitemap/schema/sitemap.xsd", import.meta.url)), "utf8");
let sitemaps = 0;

const failures = [];
let passed = 0;
for (const site of process.argv.slice(2)) {
  const schema = JSON.parse(await readFile(join(site, "claims.schema.json"), "utf8"));
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  // Every page, followed from claims.json by `next`; together they hold
  // every claim once.
  const root = new URL(JSON.parse(await readFile(join(site, "claims.json"), "utf8")).$schema.replace(/claims\.schema\.json$/, ""), "http://site/").pathname;
  let file = "claims.json";
  const ids = new Set();
  let total = 0;
  while (file) {
    const page = JSON.parse(await readFile(join(site, file), "utf8"));
    if (validate(page)) {
      passed++;
    } else {
      failures.push(`${site}/${file}: ${validate.errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
    }
    total = page.total;
    for (const claim of page.claims) ids.add(claim.id);
    file = page.next && new URL(page.next, "http://site/").pathname.slice(root.length);
  }
  if (ids.size === total) passed++;
  else failures.push(`${site}: the pages of claims.json hold ${ids.size} claims of ${total}`);
  const feeds = ["feed.xml", "corrections/feed.xml"].map((feed) => join(site, feed));
  const jing = spawnSync("jing", ["-c", atomSchema, ...feeds], { encoding: "utf8" });
  if (jing.status === 0) passed++;
  else failures.push(`${site}: the feeds are not valid Atom (RFC 4287): ${jing.stdout}${jing.stderr}${jing.error ?? ""}`);
  const sitemap = await readFile(join(site, "sitemap.xml"), "utf8").catch(() => null);
  if (sitemap === null) continue;
  // An index (over 50,000 URLs) lists numbered sitemaps; each is a urlset.
  const files = sitemap.includes("<sitemapindex")
    ? [...sitemap.matchAll(/<loc>[^<]*\/(sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1])
    : ["sitemap.xml"];
  for (const file of files) {
    const contents = await readFile(join(site, file), "utf8");
    const result = await validateXML({ xml: [{ fileName: file, contents }], schema: [sitemapSchema] });
    sitemaps++;
    if (result.valid) passed++;
    else failures.push(`${site}/${file}: ${result.errors.slice(0, 5).map((e) => e.rawMessage).join("; ")}`);
  }
}
if (sitemaps === 0) failures.push("no site had a sitemap to validate: build one with a base-url");
for (const f of failures) console.error(`FAIL exports: ${f}`);
console.log(`exports: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
