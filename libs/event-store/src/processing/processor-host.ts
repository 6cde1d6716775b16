import type { Checkpoint, EventStore } from '../event-store.port';
import type { SqlDatabase } from '../sql/database.port';
import type { AppendNotifier } from './append-notifier';
import type { ParkedEvent } from './processor-state.store';
import type { Processor, ProcessorStatus } from './processor.port';
import {
  defaultLeaseFactory,
  ProcessorRunner,
  type ProcessorRuntimeOptions,
  type RebuildOptions,
  type RebuildResult,
} from './processor-runner';

export interface ProcessorHostOptions extends ProcessorRuntimeOptions {
  db: SqlDatabase;
  store: EventStore;
  processors: readonly Processor[];
  /** Appends in this process wake the runners at once (see `NotifyingEventStore`). */
  notifier?: AppendNotifier;
}

/**
 * The processors of one process, one runner each. Every process that hosts the same processors
 * can start them: each processor is active in exactly one of them and on standby in the others.
 */
export class ProcessorHost {
  private readonly runners = new Map<string, ProcessorRunner>();
  private readonly notifier?: AppendNotifier;
  private unsubscribe: (() => void) | null = null;

  constructor(options: ProcessorHostOptions) {
    const { processors, notifier, ...runtime } = options;
    const leases = runtime.leases ?? defaultLeaseFactory(runtime.db, runtime);
    for (const processor of processors) {
      if (this.runners.has(processor.name)) throw new Error(`Two processors are named ${processor.name}`);
      this.runners.set(processor.name, new ProcessorRunner(processor, { ...runtime, leases }));
    }
    this.notifier = notifier;
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  /** Starts every runner in the background; it returns before any lease is taken. */
  start(): void {
    this.unsubscribe ??= this.notifier?.subscribe((appendedUpTo) => this.wake(appendedUpTo)) ?? null;
    for (const runner of this.runners.values()) runner.start();
  }

  /** Each runner finishes its current batch and gives up its lease. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  /** Events were appended (up to `appendedUpTo`, when known): the runners read now. */
  wake(appendedUpTo?: Checkpoint): void {
    for (const runner of this.runners.values()) runner.wake(appendedUpTo);
  }

  statuses(): Promise<ProcessorStatus[]> {
    return Promise.all([...this.runners.values()].map((runner) => runner.status()));
  }

  rebuild(name: string, options?: RebuildOptions): Promise<RebuildResult> {
    return this.runner(name).rebuild(options);
  }

  parked(name: string): Promise<ParkedEvent[]> {
    return this.runner(name).parked();
  }

  runner(name: string): ProcessorRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`No processor named ${name} in this host`);
    return runner;
  }
}
