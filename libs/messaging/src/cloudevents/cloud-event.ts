/**
 * CloudEvents 1.0 in Kafka binary mode: the attributes travel as `ce_`-prefixed headers, the
 * data is the message value (JSON), and `content-type` says so. Kafka header values are bytes;
 * they are UTF-8 strings here.
 */
export interface CloudEventAttributes {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly specversion: '1.0';
  /** RFC 3339 time the occurrence happened. */
  readonly time: string;
  /** The aggregate the event is about (also the message key). */
  readonly subject?: string;
  /** Extension: the correlation id of the request that started the chain. */
  readonly correlationid?: string;
}

export const JSON_CONTENT_TYPE = 'application/json';

/** What Kafka clients hand back as header values. */
export type RawHeaderValue = Buffer | string | ReadonlyArray<Buffer | string> | undefined;
export type RawHeaders = Readonly<Record<string, RawHeaderValue>>;

export function toBinaryHeaders(attributes: CloudEventAttributes): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: attributes.specversion,
    ce_id: attributes.id,
    ce_type: attributes.type,
    ce_source: attributes.source,
    ce_time: attributes.time,
    'content-type': JSON_CONTENT_TYPE,
  };
  if (attributes.subject !== undefined) headers.ce_subject = attributes.subject;
  if (attributes.correlationid !== undefined) headers.ce_correlationid = attributes.correlationid;
  return headers;
}

/** One header as a string; the last value when a header was sent more than once. */
export function headerText(headers: RawHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === undefined) return undefined;
  return typeof last === 'string' ? last : (last as Buffer).toString('utf8');
}

/** Every header as a string, for logging and for carrying them over to a dead letter. */
export function headersAsText(headers: RawHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name);
    if (text !== undefined) out[name] = text;
  }
  return out;
}

export type ParsedAttributes = { ok: true; attributes: CloudEventAttributes } | { ok: false; reason: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads the binary-mode attributes; says which one is missing or malformed. */
export function parseBinaryHeaders(headers: RawHeaders | undefined): ParsedAttributes {
  const get = (name: string) => headerText(headers, name)?.trim();
  const specversion = get('ce_specversion');
  if (specversion !== '1.0')
    return {
      ok: false,
      reason: `ce_specversion must be 1.0, got ${specversion === undefined ? 'none' : `"${specversion}"`}`,
    };
  const missing = ['ce_id', 'ce_type', 'ce_source', 'ce_time'].filter((name) => !get(name));
  if (missing.length > 0) return { ok: false, reason: `missing CloudEvents header(s): ${missing.join(', ')}` };
  const time = get('ce_time') as string;
  if (!RFC3339.test(time) || Number.isNaN(Date.parse(time)))
    return { ok: false, reason: `ce_time must be an RFC 3339 timestamp, got "${time}"` };
  const contentType = get('content-type');
  if (contentType !== undefined && !contentType.toLowerCase().startsWith(JSON_CONTENT_TYPE)) {
    return { ok: false, reason: `content-type must be ${JSON_CONTENT_TYPE}, got "${contentType}"` };
  }
  return {
    ok: true,
    attributes: {
      id: get('ce_id') as string,
      type: get('ce_type') as string,
      source: get('ce_source') as string,
      specversion: '1.0',
      time: new Date(time).toISOString(),
      subject: get('ce_subject') || undefined,
      correlationid: get('ce_correlationid') || undefined,
    },
  };
}
