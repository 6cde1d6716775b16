import type { EventMetadata } from './event-store.port';

/**
 * Maps the data of one event type from one schema version to the next. Registered per
 * (type, fromSchemaVersion); a chain of them brings old events up to the current shape on read.
 * What is stored never changes: upcasting happens only in memory.
 */
export interface Upcaster<From = unknown, To = unknown> {
  readonly type: string;
  readonly fromSchemaVersion: number;
  upcast(data: From, metadata: EventMetadata): To;
}

interface Upcastable {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** The registry of upcasters; the current schema version of a type is one past its last upcaster. */
export class Upcasters {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    if (!Number.isInteger(upcaster.fromSchemaVersion) || upcaster.fromSchemaVersion < 1) {
      throw new Error(`Upcaster for ${upcaster.type} has an invalid fromSchemaVersion ${upcaster.fromSchemaVersion}`);
    }
    const chain = this.byType.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (chain.has(upcaster.fromSchemaVersion)) {
      throw new Error(`Two upcasters for ${upcaster.type} from schema version ${upcaster.fromSchemaVersion}`);
    }
    chain.set(upcaster.fromSchemaVersion, upcaster);
    this.byType.set(upcaster.type, chain);
    return this;
  }

  /** The schema version new events of this type are written with (1 when it was never upcast). */
  currentSchemaVersion(type: string): number {
    const chain = this.byType.get(type);
    if (!chain) return 1;
    return Math.max(...chain.keys()) + 1;
  }

  /** Applies the chain from the event's schema version up to the current one; returns a new object when it changed. */
  upcast<E extends Upcastable>(event: E): E {
    const chain = this.byType.get(event.type);
    if (!chain) return event;
    let { data, schemaVersion } = event;
    for (let step = chain.get(schemaVersion); step; step = chain.get(schemaVersion)) {
      data = step.upcast(data, event.metadata);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
