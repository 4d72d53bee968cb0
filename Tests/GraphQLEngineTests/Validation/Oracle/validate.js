// Reference verdicts from graphql-js 16 for the validation tests.
//
// Reads one JSON object on stdin:
//   { "schema": "<SDL>", "rules": ["ScalarLeafsRule", ...] | null,
//     "maxErrors": 100 | null, "documents": ["<query>", ...] }
// and writes one JSON array on stdout, an entry per document:
//   { "errors": [ { "message": "...", "locations": [[line, column], ...] } ] }
// or, when the document does not parse, { "syntaxError": "<message>" },
// or, when graphql-js's validate throws, { "thrown": "<message>" }.
// `{ "listRules": true }` instead writes the names of graphql-js's
// `specifiedRules`, in order.
// `rules: null` means graphql-js's `specifiedRules`; names are looked up
// among graphql-js's exports, and an unknown name is a hard failure.
//
// Run with NODE_PATH=/usr/share/nodejs (Debian's node-graphql).
'use strict';
const graphql = require('graphql');

function readStdin() {
  return require('fs').readFileSync(0, 'utf8');
}

function main() {
  const request = JSON.parse(readStdin());
  if (request.listRules) {
    process.stdout.write(JSON.stringify(graphql.specifiedRules.map((rule) => rule.name)));
    return;
  }
  const schema = graphql.buildSchema(request.schema);
  let rules = graphql.specifiedRules;
  if (Array.isArray(request.rules)) {
    rules = request.rules.map((name) => {
      const rule = graphql[name];
      if (typeof rule !== 'function') {
        throw new Error(`graphql-js has no validation rule named ${name}`);
      }
      return rule;
    });
  }
  const options = request.maxErrors == null ? undefined : { maxErrors: request.maxErrors };
  const results = request.documents.map((text) => {
    let document;
    try {
      document = graphql.parse(text);
    } catch (error) {
      return { syntaxError: error.message };
    }
    let errors;
    try {
      errors = graphql.validate(schema, document, rules, options);
    } catch (error) {
      // graphql-js 16 itself throws on a few inputs (for example a variable
      // in a subscription's @skip); report that instead of failing the batch.
      return { thrown: String(error && error.message) };
    }
    return {
      errors: errors.map((error) => ({
        message: error.message,
        locations: (error.locations || []).map((l) => [l.line, l.column]),
      })),
    };
  });
  process.stdout.write(JSON.stringify(results));
}

main();
