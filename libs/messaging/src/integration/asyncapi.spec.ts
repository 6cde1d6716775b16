import { join } from 'node:path';
import { CE_TYPES, DEFAULT_TOPICS } from '../topics';
import { loadAsyncApiDocument, payloadSchemaOf, topicOf } from './asyncapi-document';
import { COMPONENT_SCHEMAS } from './json-schema';
import { SchemaValidator } from './schema-validator';

const doc = loadAsyncApiDocument(join(__dirname, '..', '..', '..', '..'));

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3 document whose schemas are exactly the ones the code validates with', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.components.schemas).toEqual(JSON.parse(JSON.stringify(COMPONENT_SCHEMAS)));
  });

  it.each(Object.entries(CE_TYPES))('describes %s (%s) on its topic with a payload schema', (_, ceType) => {
    const expectedTopic = ceType.startsWith('gov.procurement.')
      ? DEFAULT_TOPICS.tenderOutcomes
      : ceType.includes('.contract.')
        ? DEFAULT_TOPICS.contracts
        : ceType.includes('.provider.')
          ? DEFAULT_TOPICS.providerPerformance
          : DEFAULT_TOPICS.procurementRequests;
    expect(topicOf(doc, ceType)).toBe(expectedTopic);
    expect(doc.components.schemas[payloadSchemaOf(doc, ceType) ?? '']).toBeDefined();
  });

  it('has a channel for the dead-letter topic', () => {
    expect(Object.values(doc.channels).map((channel) => channel.address)).toContain(
      DEFAULT_TOPICS.tenderOutcomesDeadLetter,
    );
  });

  it('gives examples that are valid against their own schemas', () => {
    const validator = new SchemaValidator(doc.components.schemas);
    const examples = Object.values(doc.components.messages).flatMap((message) =>
      (message.examples ?? []).map((example) => ({ message, example })),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const { message, example } of examples) {
      expect(validator.validate(payloadSchemaOf(doc, message.name) ?? '', example.payload)).toEqual({ ok: true });
      expect(validator.validate('CloudEventHeaders', example.headers)).toEqual({ ok: true });
      expect(example.headers?.ce_type).toBe(message.name);
    }
  });
});
