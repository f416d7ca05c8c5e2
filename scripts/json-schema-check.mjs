#!/usr/bin/env node
// Validate JSON files against a JSON Schema (draft-07 or 2020-12) with Ajv.
//
//   node scripts/json-schema-check.mjs SCHEMA.json FILE.json [FILE.json ...]
//
// Prints one JSON object per problem on stdout:
//   {"file": ..., "path": "/runs/0/results/0/level", "message": "must be equal to one of the allowed values", ...}
// Exit status: 0 all valid, 1 a file is invalid, 2 usage or I/O error.
// Used for SARIF, where `sarif-multitool validate` silently passes some invalid
// logs (e.g. a result whose "level" is not an allowed value).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "tools", "node", "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const Ajv07 = require("ajv").default;
const addFormats = require("ajv-formats").default;

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: json-schema-check.mjs SCHEMA.json FILE.json [FILE.json ...]");
  process.exit(2);
}

function readJson(path) {
  // Tolerate a UTF-8 byte-order mark.
  return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
}

let validate;
try {
  const schema = readJson(schemaPath);
  const is2020 = String(schema.$schema ?? "").includes("2020-12");
  const ajv = new (is2020 ? Ajv2020 : Ajv07)({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
} catch (err) {
  console.error(`json-schema-check: cannot load schema ${schemaPath}: ${err.message}`);
  process.exit(2);
}

let status = 0;
for (const file of files) {
  let data;
  try {
    data = readJson(file);
  } catch (err) {
    console.log(JSON.stringify({ file, path: "", message: `not valid JSON: ${err.message}` }));
    status = 1;
    continue;
  }
  if (!validate(data)) {
    status = 1;
    for (const e of validate.errors) {
      console.log(JSON.stringify({
        file, path: e.instancePath, message: e.message, keyword: e.keyword, params: e.params,
      }));
    }
  }
}
process.exit(status);
