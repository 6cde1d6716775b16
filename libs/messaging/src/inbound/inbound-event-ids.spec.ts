import { eventIdsFor } from '@spinout/workflow';
import { inboundEventIds, legacyInboundEventIds } from './inbound-event-ids';

describe('ids of events appended for an inbound message', () => {
  it('never change: they are what makes a redelivery append nothing', () => {
    expect(inboundEventIds('/procurement', 'msg-1')(0)).toBe('cd3e6159-1238-5a2f-8657-33aae2a9a868');
  });

  it('differ for the same ce_id from two sources, and from each index to the next', () => {
    const a = inboundEventIds('/procurement/a', '1');
    const b = inboundEventIds('/procurement/b', '1');
    expect(a(0)).not.toBe(b(0));
    expect(a(0)).not.toBe(a(1));
    expect(a(0)).toBe(inboundEventIds('/procurement/a', '1')(0));
  });

  it('cannot be made to equal another pair by moving characters between source and id', () => {
    expect(inboundEventIds('/a#', 'b')(0)).not.toBe(inboundEventIds('/a', '#b')(0));
    expect(inboundEventIds('/a","b', 'c')(0)).not.toBe(inboundEventIds('/a', 'b","c')(0));
  });

  it('cannot be reached through the earlier rule (ce_id alone), whatever ce_id a sender picks', () => {
    const name = JSON.stringify(['/procurement', 'msg-1']);
    expect(legacyInboundEventIds(name)(0)).not.toBe(inboundEventIds('/procurement', 'msg-1')(0));
    expect(legacyInboundEventIds('msg-1')(0)).toBe(eventIdsFor('msg-1')(0));
  });
});
