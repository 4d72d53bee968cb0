#!/usr/bin/env node
// Prints graphql-js 16's standard introspection query with every option the
// benchmark's introspection workload uses. Run by Workloads/generate.py.
'use strict';
const { getIntrospectionQuery } = require('graphql');
process.stdout.write(
  getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  }) + '\n',
);
