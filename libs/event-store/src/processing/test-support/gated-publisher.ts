import type { StoredEvent } from '../../event-store.port';
import type { Processor } from '../processor.port';

/** A promise the test resolves when it chooses: a broker that answers only when told to. */
export class Gate {
  private release: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));

  open(): void {
    this.release();
  }
}

/**
 * A relay-like processor (`delivery: 'at-least-once'`): records every batch it is handed, as a
 * broker would receive it, and waits on `gate` in its first `blockedBatches` batches, the way a
 * relay waits for a frozen broker's acks.
 */
export interface GatedPublisher {
  processor: Processor;
  /** Every batch handed to `handle`, in order (a repeat shows up twice). */
  deliveries: StoredEvent[][];
  /** Batches waiting on the gate now. */
  waiting(): number;
}

export function gatedPublisher(options: {
  name: string;
  gate: Gate;
  blockedBatches?: number;
  batchSize?: number;
  eventTypes?: readonly string[];
}): GatedPublisher {
  const deliveries: StoredEvent[][] = [];
  let waiting = 0;
  const processor: Processor = {
    name: options.name,
    delivery: 'at-least-once',
    batchSize: options.batchSize,
    eventTypes: options.eventTypes,
    async handle(events) {
      deliveries.push([...events]);
      if (deliveries.length > (options.blockedBatches ?? 1)) return;
      waiting += 1;
      try {
        await options.gate.opened;
      } finally {
        waiting -= 1;
      }
    },
  };
  return { processor, deliveries, waiting: () => waiting };
}
