#!/usr/bin/env node
// graphql-bench for graphql-js 16: the same work and the same output line as the
// Swift `graphql-bench` (Benchmarks/Sources/graphql-bench), so the two can be
// compared side by side.
//
//   NODE_PATH=/usr/share/nodejs node graphql-bench.js --schema FILE.graphql \
//     --data FILE.json --query FILE.graphql [--variables FILE.json] \
//     [--operation NAME] [--iterations N] [--warmup N] [--engine graphql-js]
//
// One iteration = parse + validate + execute + JSON.stringify of the response.
// The schema, the root value and the variables are prepared once, untimed.
'use strict';

const fs = require('fs');
const {
  GraphQLError,
  Source,
  buildSchema,
  defaultFieldResolver,
  execute,
  parse,
  validate,
} = require('graphql');

const USAGE =
  'usage: graphql-bench.js --schema FILE.graphql --data FILE.json --query FILE.graphql ' +
  '[--variables FILE.json] [--operation NAME] [--iterations N] [--warmup N] [--engine graphql-js]';

function fail(message) {
  process.stderr.write(`graphql-bench.js: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const known = new Set([
    '--engine', '--schema', '--data', '--query', '--variables', '--operation', '--iterations', '--warmup',
  ]);
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!known.has(argv[i])) fail(`unknown argument ${argv[i]}`);
    if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
    options[argv[i]] = argv[i + 1];
  }
  for (const name of ['--schema', '--data', '--query']) {
    if (options[name] === undefined) fail(`missing ${name}`);
  }
  if (options['--engine'] !== undefined && options['--engine'] !== 'graphql-js') {
    fail(`this script runs graphql-js only, not ${options['--engine']}`);
  }
  const count = (name, fallback) => {
    const text = options[name];
    if (text === undefined) return fallback;
    if (!/^[0-9]+$/.test(text)) fail(`${name} must be a non-negative integer, got ${text}`);
    return Number(text);
  };
  const iterations = Math.max(1, count('--iterations', 100));
  return {
    schemaPath: options['--schema'],
    dataPath: options['--data'],
    queryPath: options['--query'],
    variablesPath: options['--variables'],
    operationName: options['--operation'],
    iterations,
    // Same default as the Swift tool: a tenth of the timed iterations, at least one.
    warmup: count('--warmup', Math.max(1, Math.floor(iterations / 10))),
  };
}

function readText(path) {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`cannot read ${path}`);
  }
}

function readJSON(path) {
  try {
    return JSON.parse(readText(path));
  } catch (error) {
    return fail(`${path} is not JSON: ${error.message}`);
  }
}

// Abstract types resolve by the `__typename` key of the data. (graphql-js's own
// default type resolver looks there first too; saying it here keeps the rule in
// one visible place.)
function typeResolver(value) {
  return value !== null && typeof value === 'object' && typeof value.__typename === 'string'
    ? value.__typename
    : undefined;
}

function main() {
  const args = parseArguments(process.argv.slice(2));
  let schema;
  try {
    // Custom scalars built from SDL serialize with the identity function, so their
    // JSON values pass through unchanged.
    schema = buildSchema(readText(args.schemaPath));
  } catch (error) {
    fail(`cannot build the schema: ${error.message}`);
  }
  const rootValue = readJSON(args.dataPath);
  const variableValues = args.variablesPath === undefined ? undefined : readJSON(args.variablesPath);
  const query = readText(args.queryPath);
  const operationName = args.operationName;

  function runOnce() {
    let document;
    try {
      document = parse(new Source(query, 'GraphQL request'));
    } catch (error) {
      if (error instanceof GraphQLError) return JSON.stringify({ errors: [error] });
      throw error;
    }
    const errors = validate(schema, document);
    if (errors.length > 0) return JSON.stringify({ errors });
    const result = execute({
      schema,
      document,
      rootValue,
      variableValues,
      operationName,
      fieldResolver: defaultFieldResolver,
      typeResolver,
    });
    return JSON.stringify(result);
  }

  let response = '';
  for (let i = 0; i < args.warmup; i++) response = runOnce();
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < args.iterations; i++) response = runOnce();
  const elapsedNs = Number(process.hrtime.bigint() - start);
  // CPU time of the whole process (garbage collector threads included), as the
  // Swift tool counts every thread of its process.
  const cpu = process.cpuUsage(cpuStart);
  const cpuUs = cpu.user + cpu.system;
  const rate = (seconds) => (seconds > 0 ? Math.round((args.iterations / seconds) * 10) / 10 : 0);

  process.stdout.write(
    `{"engine":"graphql-js","iterations":${args.iterations},"opsPerSec":${rate(elapsedNs / 1e9)},` +
      `"cpuOpsPerSec":${rate(cpuUs / 1e6)},"result":${response}}\n`,
  );
}

main();
