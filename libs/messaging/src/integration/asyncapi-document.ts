import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { JsonSchema } from './json-schema';

/** The parts of docs/asyncapi.yaml that specs and tests read. */
export interface AsyncApiDocument {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: {
    schemas: Record<string, JsonSchema>;
    messages: Record<
      string,
      {
        name: string;
        payload: { $ref?: string };
        headers?: { $ref: string };
        traits?: Array<{ $ref: string }>;
        examples?: Array<{ headers?: Record<string, string>; payload?: unknown }>;
      }
    >;
  };
}

/** Path of the document from the repository root. */
export const ASYNCAPI_PATH = join('docs', 'asyncapi.yaml');

export function loadAsyncApiDocument(root: string = process.cwd()): AsyncApiDocument {
  return parse(readFileSync(join(root, ASYNCAPI_PATH), 'utf8')) as AsyncApiDocument;
}

/** The name under `components.schemas` of the payload of the message whose `name` is `ceType`, or undefined. */
export function payloadSchemaOf(doc: AsyncApiDocument, ceType: string): string | undefined {
  const message = Object.values(doc.components.messages).find((candidate) => candidate.name === ceType);
  return message?.payload.$ref?.replace('#/components/schemas/', '');
}

/** The topic (channel address) that carries messages of type `ceType`. */
export function topicOf(doc: AsyncApiDocument, ceType: string): string | undefined {
  const key = Object.entries(doc.components.messages).find(([, message]) => message.name === ceType)?.[0];
  if (!key) return undefined;
  return Object.values(doc.channels).find((channel) =>
    Object.values(channel.messages).some((ref) => ref.$ref === `#/components/messages/${key}`),
  )?.address;
}
