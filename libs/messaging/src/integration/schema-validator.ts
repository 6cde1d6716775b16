import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { COMPONENT_SCHEMAS, type JsonSchema } from './json-schema';

export type Validation = { ok: true } | { ok: false; errors: string[] };

const DOCUMENT_ID = 'spinout-messages';

/**
 * Validates values against named schemas of an AsyncAPI-style `components.schemas` map (draft-07,
 * `$ref`s of the form `#/components/schemas/<Name>`). By default the schemas are Spinout's own;
 * tests pass the ones read from docs/asyncapi.yaml.
 */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly schemas: Readonly<Record<string, JsonSchema>> = COMPONENT_SCHEMAS) {
    this.ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['components']);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas } });
  }

  validate(name: string, value: unknown): Validation {
    const validate = this.validator(name);
    if (validate(value)) return { ok: true };
    return { ok: false, errors: (validate.errors ?? []).map(describeAjvError) };
  }

  private validator(name: string): ValidateFunction {
    let validate = this.compiled.get(name);
    if (!validate) {
      if (!Object.prototype.hasOwnProperty.call(this.schemas, name)) throw new Error(`No schema named ${name}`);
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/${name}` });
      this.compiled.set(name, validate);
    }
    return validate;
  }
}

export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'body' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
      : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
}
