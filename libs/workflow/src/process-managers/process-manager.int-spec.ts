import type { Command, Decider, Message } from '@spinout/domain';
import { narrowEvent, SqlEventStore } from '@spinout/event-store';
import { DATABASES, type OpenedDatabase } from '../../../event-store/test/databases';
import { processManager } from './process-manager';

/** A toy aggregate: ticks are counted, and the third one makes the process manager finish it. */
type TallyCommand = Command<'Tick', Record<string, never>> | Command<'Finish', Record<string, never>>;
type TallyEvent = Message<'Ticked', Record<string, never>> | Message<'Finished', Record<string, never>>;
interface TallyState {
  ticks: number;
  finished: boolean;
}
const tally: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: { ticks: 0, finished: false },
  eventTypes: ['Ticked', 'Finished'],
  evolve: (state, event) =>
    event.type === 'Ticked' ? { ...state, ticks: state.ticks + 1 } : { ...state, finished: true },
  decide: (command, state) => {
    if (command.type === 'Tick') return [{ type: 'Ticked', data: {} }];
    return state.finished ? [] : [{ type: 'Finished', data: {} }];
  },
};
const AT = '2026-03-02T09:00:00Z';
const META = { actor: 'tester', correlationId: 'c-1', occurredAt: AT };

describe.each(DATABASES)('process manager runtime on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
  });
  afterAll(() => opened?.dispose());

  it('reads a stream once for the triggers of a batch, and again only after a reaction appended to it', async () => {
    const streamId = `tally-${kind.name}`;
    const ticks = Array.from({ length: 6 }, (_, i) => ({
      eventId: `00000000-0000-4000-8000-00000000000${i}`,
      type: 'Ticked',
      schemaVersion: 1,
      data: {},
      metadata: META,
    }));
    await store.append(streamId, ticks, 'no_stream');
    const finisher = processManager({
      name: 'pm-tally-finisher',
      eventTypes: ['Ticked'],
      store,
      reads: { decider: tally, streamId: (trigger) => trigger.streamId },
      react: (trigger, state: TallyState) =>
        state.ticks >= 3 && !state.finished
          ? [{ streamId: trigger.streamId, command: { type: 'Finish' as const, data: {}, actor: 'system', at: AT } }]
          : [],
      sendsTo: tally,
    });
    const batch = (await store.readStream(streamId)).map((event) =>
      narrowEvent<Message<'Ticked', Record<string, never>>>(event, ['Ticked']),
    );
    const reads = jest.spyOn(store, 'readStream');
    try {
      await finisher.handle(batch, opened.db);
      // One read for the six triggers, one by the Finish command, one after it appended.
      expect(reads).toHaveBeenCalledTimes(3);
    } finally {
      reads.mockRestore();
    }
    const types = (await store.readStream(streamId)).map((event) => event.type);
    expect(types).toEqual(['Ticked', 'Ticked', 'Ticked', 'Ticked', 'Ticked', 'Ticked', 'Finished']);
  });
});
