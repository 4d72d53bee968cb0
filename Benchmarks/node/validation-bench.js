// graphql-js 16 side of validation-bench: parse + validate (specifiedRules) of one
// document against one schema, N times; one JSON line with the median milliseconds.
//   NODE_PATH=/usr/share/nodejs node node/validation-bench.js --schema F --query F [--iterations N]
'use strict';
const fs = require('fs');
const { buildSchema, parse, validate } = require('graphql');

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i]] = process.argv[i + 1];
if (!args['--schema'] || !args['--query']) {
  console.error('usage: validation-bench.js --schema F --query F [--iterations N]');
  process.exit(2);
}
const schema = buildSchema(fs.readFileSync(args['--schema'], 'utf8'));
const query = fs.readFileSync(args['--query'], 'utf8');
const iterations = Math.max(1, parseInt(args['--iterations'] || '10', 10));
const samples = [];
let errors = 0;
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  errors = validate(schema, parse(query)).length;
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({ engine: 'graphql-js', iterations, medianMs: samples[Math.floor(samples.length / 2)], errors }));
