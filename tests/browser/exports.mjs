// The exports, read by the clients made for them: every claims.json is
// validated against the claims.schema.json the same site publishes, with
// Ajv (JSON Schema draft 2020-12, strict).
// Usage: node exports.mjs SITE…
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const failures = [];
let passed = 0;
for (const site of process.argv.slice(2)) {
  const schema = JSON.parse(await readFile(join(site, "claims.schema.json"), "utf8"));
  const claims = JSON.parse(await readFile(join(site, "claims.json"), "utf8"));
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  if (validate(claims)) {
    passed++;
  } else {
    failures.push(`${site}/claims.json: ${validate.errors.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
  }
}
for (const f of failures) console.error(`FAIL exports: ${f}`);
console.log(`exports: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
