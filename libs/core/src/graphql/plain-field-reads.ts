import { TypeMetadataStorage } from '@nestjs/graphql';
import { type GraphQLSchema, isObjectType } from 'graphql';

/**
 * Field extension of a field whose value may be a promise (`totalCount`,
 * counted only when asked for): it keeps NestJS's resolver, which
 * graphql-jit awaits. A plain property read is not awaited by graphql-jit.
 */
export const RESOLVED_LAZILY = 'resolvedLazily';

/**
 * Removes the resolver NestJS gives every `@Field` property of an object
 * type, where GraphQL's own reading of the property gives the same value:
 * the property has the field's name, no default value and no field
 * middleware. NestJS's resolver only reads the property (or its default);
 * but graphql-jit compiles a field with a resolver into a call with its own
 * resolve info, error handling and promise check, for every field of every
 * row, and a field without one into a property read. It was a sixth of what
 * an order with its lines allocated per request (docs/benchmarks.md, fifth
 * round). Resolvers of our own (`@ResolveField`) are untouched.
 */
export function withPlainFieldReads(schema: GraphQLSchema): GraphQLSchema {
  const plain = plainPropertiesByType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const names = plain.get(type.name);
    if (!names) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve?.name === 'rootFieldResolver' && names.has(field.name) && !field.extensions?.[RESOLVED_LAZILY]) {
        field.resolve = undefined;
      }
    }
  }
  return schema;
}

/** Per object type: its `@Field` properties (its classes' own and inherited) that GraphQL may read as they are. */
function plainPropertiesByType(): Map<string, Set<string>> {
  const objectTypes = TypeMetadataStorage.getObjectTypesMetadata();
  const byClass = new Map<Function, typeof objectTypes[number]['properties']>();
  for (const metadata of objectTypes) byClass.set(metadata.target, metadata.properties ?? []);
  const result = new Map<string, Set<string>>();
  for (const metadata of objectTypes) {
    if (metadata.isAbstract) continue;
    const names = new Set<string>();
    const seen = new Set<string>();
    // The class's own definition of a field first: it is the one the schema holds.
    for (let target: Function | null = metadata.target; target && target !== Function.prototype; target = Object.getPrototypeOf(target) as Function | null) {
      for (const property of byClass.get(target) ?? []) {
        if (seen.has(property.schemaName)) continue;
        seen.add(property.schemaName);
        if (property.name === property.schemaName && property.options.defaultValue === undefined && !property.middleware?.length) names.add(property.schemaName);
      }
    }
    result.set(metadata.name, names);
  }
  return result;
}
