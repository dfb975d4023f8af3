// Builds the committed GraphQL schema with graphql-js, as GraphiQL and code generators do, and fails on any error:
// an undeclared scalar, an invalid definition, or a schema that does not survive an introspection round trip.
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, graphqlSync, printSchema, validateSchema } from 'graphql';

const file = process.argv[2];
let schema;
try {
  schema = buildSchema(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`${file} cannot be built by graphql-js:\n${[...new Set(error.message.split('\n\n'))].join('\n')}`);
  process.exit(1);
}
const errors = validateSchema(schema);
if (errors.length > 0) {
  console.error(`${file} is not a valid GraphQL schema:\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
  process.exit(1);
}
const introspection = graphqlSync({ schema, source: getIntrospectionQuery() });
if (introspection.errors) {
  console.error(`${file}: the standard introspection query fails: ${introspection.errors.map((e) => e.message).join('; ')}`);
  process.exit(1);
}
const rebuilt = buildClientSchema(introspection.data);
if (printSchema(rebuilt) !== printSchema(schema)) {
  console.error(`${file}: the schema rebuilt from introspection differs from the schema itself`);
  process.exit(1);
}
const types = Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__')).length;
console.log(`${file}: valid for graphql-js ${(await import('graphql')).version}, ${types} types, introspection round trip identical`);
