#!/usr/bin/env node
// Prints graphql-js 16's standard introspection query with every option the
// benchmark's introspection workload uses. Run by Workloads/generate.py.
// With --without-input-value-deprecation it leaves out `isDeprecated` and
// `deprecationReason` of arguments and input fields (the introspection-basic
// workload, which GraphQLSwift 4.3 can answer).
'use strict';
const { getIntrospectionQuery } = require('graphql');
process.stdout.write(
  getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: !process.argv.includes('--without-input-value-deprecation'),
  }) + '\n',
);
