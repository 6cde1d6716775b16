import { stored } from '../../test/stored';
import { projectAuditEntry } from './audit-trail.projection';

describe('projectAuditEntry', () => {
  it('keeps who did what, when, why and in answer to what', () => {
    const [event] = stored('serviceUnit-42', [
      { type: 'ReformPlanRejected', data: { unitId: '42', rejectedAt: '2025-02-10T09:00:00+08:00' } },
    ]);
    event.metadata = {
      ...event.metadata,
      actor: 'user:director',
      reason: 'Target cost not justified',
      causationId: 'cmd-7',
    };
    expect(projectAuditEntry(event)).toEqual({
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      streamId: 'serviceUnit-42',
      category: 'serviceUnit',
      streamVersion: 1,
      type: 'ReformPlanRejected',
      schemaVersion: 1,
      actor: 'user:director',
      reason: 'Target cost not justified',
      occurredAt: '2025-02-10T09:00:00+08:00',
      recordedAt: event.recordedAt,
      correlationId: 'corr-serviceUnit-42',
      causationId: 'cmd-7',
    });
  });

  it('falls back to the recording time and leaves absent fields null', () => {
    const [event] = stored('marker', [{ type: 'Marker', data: {} }]);
    event.metadata = { actor: 'system:test', correlationId: '', occurredAt: '' };
    expect(projectAuditEntry(event)).toMatchObject({
      category: 'marker',
      occurredAt: event.recordedAt,
      reason: null,
      correlationId: null,
      causationId: null,
    });
  });
});
