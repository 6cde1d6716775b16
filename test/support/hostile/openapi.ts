import { getMetadataStorage } from 'class-validator';

/**
 * The operations of the app's own OpenAPI document (GET /docs-json), with their schemas
 * resolved: what the hostile tier builds its requests from.
 */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  /** `POST /contracts/{id}/sign`: the document's method and path template. */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Parameter[];
  /** The JSON request body's schema, resolved; undefined for operations without a body. */
  body?: Schema;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = resolver(document);
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ ...p, schema: resolve(p.schema) })),
        body: body ? resolve(body) : undefined,
      };
    }),
  );
}

/** Follows `$ref` and single-member `allOf` (how the plugin writes a described nested DTO), all the way down. */
function resolver(document: OpenApiDocument): (schema: Schema) => Schema {
  const named = document.components?.schemas ?? {};
  const resolve = (schema: Schema, seen: string[] = []): Schema => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.includes(name)) return { type: 'object' };
      return resolve(named[name] ?? { type: 'object' }, [...seen, name]);
    }
    if (schema.allOf?.length === 1) return resolve({ ...schema, ...schema.allOf[0], allOf: undefined }, seen);
    return {
      ...schema,
      ...(schema.properties && {
        properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, seen)])),
      }),
      ...(schema.items && { items: resolve(schema.items, seen) }),
    };
  };
  return (schema) => resolve(schema);
}

/** Dotted paths of every field a body schema describes, nested objects and first array items included. */
export function fieldPaths(schema: Schema, prefix: string[] = []): string[][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const path = [...prefix, name];
    if (property.type === 'object' || property.properties) return [path, ...fieldPaths(property, path)];
    if (property.type === 'array' && property.items?.properties)
      return [path, ...fieldPaths(property.items, [...path, '0'])];
    return [path];
  });
}

/**
 * Every class class-validator holds metadata for. The storage lists them only in a private map;
 * reading it is the price of not naming DTO files here, so a class-validator that moved it fails
 * loudly rather than finding no property.
 */
function validatedClasses(storage: object): Function[] {
  if (!('validationMetadatas' in storage) || !(storage.validationMetadatas instanceof Map)) {
    throw new Error('class-validator no longer keeps validationMetadatas in a Map: update validatedClasses');
  }
  return [...storage.validationMetadatas.keys()].filter((key): key is Function => typeof key === 'function');
}

/**
 * Properties the DTO classes validate (class-validator's metadata, inherited ones included) that
 * the document's schema of the same name does not describe. The tier builds bodies from the
 * document, so a property missing there would make every "valid" body invalid without notice.
 */
export function undocumentedProperties(document: OpenApiDocument): string[] {
  const storage = getMetadataStorage();
  const classes = [...validatedClasses(storage)];
  const schemas = document.components?.schemas ?? {};
  return classes
    .filter((cls) => cls.name in schemas)
    .flatMap((cls) => {
      const validated = new Set(
        storage.getTargetValidationMetadatas(cls, '', true, false).map((metadata) => metadata.propertyName),
      );
      return [...validated]
        .filter((property) => !(property in (schemas[cls.name].properties ?? {})))
        .map((property) => `${cls.name}.${property}`);
    })
    .sort();
}
