// doc/openapi.yaml checked twice (issue 14):
//   1. the document itself against the OpenAPI 3.1 schema (@seriousme/openapi-schema-validator);
//   2. every exchange the API tests recorded (CRUDDUR_API_RECORD, tests/support/exchange_record.hpp) against
//      it: the path matches a path template, the status is documented for that method, and the body
//      validates against that response's schema (JSON Schema 2020-12: Ajv2020 + ajv-formats).
// Requests the document cannot describe are held to doc/api.md's rule instead: a path under /api/ that
// matches no template must answer 404 `not_found`, a documented path asked with an undocumented method 405
// `method_not_allowed`. Paths outside /api/ (the web app's files) are not the API and are skipped.
// Documented operation + status pairs no recorded exchange reached are listed (not a failure).
//
// usage: node check-openapi.mjs <doc/openapi.yaml> [<recorded.jsonl> ...]   (no record: the document only)
// exit 0: all good; 1: a failure, each printed with method, target, status and the schema error.

import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const [documentPath, ...recordPaths] = process.argv.slice(2);
if (!documentPath) {
  console.error("usage: node check-openapi.mjs <openapi.yaml> [<recorded.jsonl> ...]");
  process.exit(2);
}
const failures = [];
const document = YAML.parse(readFileSync(documentPath, "utf8"));

// 1. The document is OpenAPI 3.1.
const validator = new Validator();
const result = await validator.validate(structuredClone(document));
if (!result.valid) {
  for (const error of [].concat(result.errors))
    failures.push(`${documentPath} is not valid OpenAPI 3.1: ${JSON.stringify(error)}`);
}

// 2. Recorded exchanges against the document.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const documentId = "https://cruddur.invalid/openapi.json";
ajv.addSchema({ ...document, $id: documentId });

const httpResponses = document["x-http-responses"] ?? {};
const pointer = (...parts) => parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
// A response object (the operation's own, else the document's x-http-responses), following a $ref into
// components/responses; returns it and its JSON pointer.
function resolveResponse(path, method, status) {
  let at = `#/${pointer("paths", path, method, "responses", status)}`;
  let response = document.paths[path][method].responses[status];
  if (!response) {
    at = `#/${pointer("x-http-responses", status)}`;
    response = httpResponses[status];
  }
  while (response && response.$ref) {
    at = response.$ref;
    response = at.slice(2).split("/").reduce((node, key) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  }
  return { response, at };
}

const templates = Object.keys(document.paths).map((template) => {
  const names = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  return { template, regex: new RegExp(`^${source}$`), params: names.length };
});
// The literal path wins over a template (/api/messages/counter, not /api/messages/{message_group_uuid}).
templates.sort((a, b) => a.params - b.params);

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const exercised = new Set();
const validators = new Map();
let checked = 0;
let skipped = 0;

function schemaValidator(at) {
  if (!validators.has(at)) validators.set(at, ajv.compile({ $ref: documentId + at }));
  return validators.get(at);
}

function checkBody(exchange, response, at, where) {
  const content = response.content;
  const mediaType = (exchange.content_type || "").split(";")[0].trim().toLowerCase();
  if (!content) {
    if (exchange.body !== "" && exchange.status !== 101)
      failures.push(`${where}: the document gives this response no body, the server sent ${mediaType || "one"}: ${exchange.body.slice(0, 200)}`);
    return;
  }
  if (!content[mediaType]) {
    failures.push(`${where}: content type "${mediaType}" is not documented (documented: ${Object.keys(content).join(", ")})`);
    return;
  }
  if (!content[mediaType].schema) return;
  let body;
  try {
    body = JSON.parse(exchange.body);
  } catch (error) {
    failures.push(`${where}: the body is not JSON (${error.message}): ${exchange.body.slice(0, 200)}`);
    return;
  }
  const validate = schemaValidator(`${at}/${pointer("content", mediaType, "schema")}`);
  if (!validate(body)) {
    const errors = validate.errors.map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
    failures.push(`${where}: the body does not match the documented schema: ${errors.join("; ")}\n    body: ${exchange.body.slice(0, 300)}`);
  }
}

// doc/api.md: unknown route 404 `not_found`; known route, wrong method 405 `method_not_allowed`.
function checkUndocumented(exchange, where, code) {
  const expected = code === "not_found" ? 404 : 405;
  let body;
  try {
    body = JSON.parse(exchange.body);
  } catch {}
  if (exchange.status !== expected || !Array.isArray(body?.errors) || !body.errors.includes(code))
    failures.push(`${where}: ${code === "not_found" ? "no documented path" : "method not documented for this path"}; expected ${expected} {"errors":["${code}"]}, got ${exchange.status} ${exchange.body.slice(0, 200)}`);
}

for (const recordPath of recordPaths) {
  const lines = readFileSync(recordPath, "utf8").split("\n").filter((line) => line.trim() !== "");
  for (const line of lines) {
    const exchange = JSON.parse(line);
    const path = exchange.target.split("?")[0];
    const where = `${exchange.method} ${exchange.target.slice(0, 120)} -> ${exchange.status}`;
    if (!path.startsWith("/api/") && path !== "/api") {
      ++skipped;
      continue;
    }
    ++checked;
    const match = templates.find((t) => t.regex.test(path));
    if (!match) {
      checkUndocumented(exchange, where, "not_found");
      continue;
    }
    let method = exchange.method.toLowerCase();
    const item = document.paths[match.template];
    // HEAD is answered like GET without the body (doc/api.md, "HTTP hygiene").
    const head = method === "head" && !item.head && item.get;
    if (head) method = "get";
    if (!methods.includes(method) || !item[method]) {
      checkUndocumented(exchange, where, "method_not_allowed");
      continue;
    }
    const status = String(exchange.status);
    if (!item[method].responses[status] && !httpResponses[status]) {
      failures.push(`${where}: status ${status} is not documented for ${method.toUpperCase()} ${match.template} (documented: ${Object.keys(item[method].responses).join(", ")}; any route: ${Object.keys(httpResponses).join(", ")}); body: ${exchange.body.slice(0, 200)}`);
      continue;
    }
    exercised.add(item[method].responses[status] ? `${method.toUpperCase()} ${match.template} ${status}` : `any ${status}`);
    if (head) continue;
    const { response, at } = resolveResponse(match.template, method, status);
    checkBody(exchange, response, at, where);
  }
}

if (recordPaths.length > 0) {
  const never = [];
  for (const [path, item] of Object.entries(document.paths))
    for (const method of methods)
      for (const status of Object.keys(item[method]?.responses ?? {}))
        if (!exercised.has(`${method.toUpperCase()} ${path} ${status}`)) never.push(`${method.toUpperCase()} ${path} ${status}`);
  for (const status of Object.keys(httpResponses))
    if (!exercised.has(`any ${status}`)) never.push(`(x-http-responses) any route ${status}`);
  console.log(`openapi: ${checked} API exchanges checked (${skipped} outside /api/ skipped), ${exercised.size} documented operation+status pairs exercised`);
  if (never.length > 0) console.log(`openapi: never exercised by the recorded tests (${never.length}):\n  ${never.join("\n  ")}`);
}
if (failures.length > 0) {
  // One line per distinct failure, with how often it occurred.
  const counts = new Map();
  for (const failure of failures) counts.set(failure, (counts.get(failure) ?? 0) + 1);
  for (const [failure, count] of counts) console.error(`FAIL ${failure}${count > 1 ? ` (x${count})` : ""}`);
  console.error(`openapi: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`openapi: ${documentPath} is valid OpenAPI 3.1${recordPaths.length ? " and matches every recorded exchange" : ""}`);
