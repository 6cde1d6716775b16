import { fold } from '../shared';
import { given } from '../shared/decider.testing';
import { serviceUnitDecider } from './service-unit.decider';
import { tenderMilestoneOnPublication } from './service-unit.milestones.decide';
import type { ServiceUnitEvent } from './service-unit.events';
import { command, history, NOW, OFFICER, UNIT_ID } from './service-unit.fixtures';
import type { RegisteredServiceUnit } from './service-unit.state';
import type { ServiceUnitErrorCode } from './service-unit.errors';

const unit = (state: unknown) => state as RegisteredServiceUnit;

const scheduled: ServiceUnitEvent = {
  type: 'MilestoneScheduled',
  data: {
    unitId: UNIT_ID,
    milestoneId: 'm-tender',
    kind: 'tender',
    title: 'Tender published',
    dueDate: '2025-03-31',
    scheduledAt: '2025-01-06T09:00:00+08:00',
    scheduledBy: OFFICER,
  },
};

describe('ScheduleMilestone', () => {
  const schedule = (overrides = {}) =>
    command('ScheduleMilestone', {
      milestoneId: 'm-handover',
      kind: 'handover' as const,
      title: 'Handover to caterer',
      dueDate: '2025-06-30',
      ...overrides,
    });

  it.each([
    ['in_house', history.inHouse],
    ['outsourced', history.outsourced()],
  ])('schedules a milestone while %s', (_stage, events) => {
    const state = given(serviceUnitDecider, events)
      .when(schedule())
      .then([
        {
          type: 'MilestoneScheduled',
          data: {
            unitId: UNIT_ID,
            milestoneId: 'm-handover',
            kind: 'handover',
            title: 'Handover to caterer',
            dueDate: '2025-06-30',
            scheduledAt: NOW,
            scheduledBy: OFFICER,
          },
        },
      ]);
    expect(unit(state).milestones.at(-1)).toEqual({
      milestoneId: 'm-handover',
      kind: 'handover',
      title: 'Handover to caterer',
      dueDate: '2025-06-30',
      completedAt: null,
    });
  });

  it('refuses a milestone id that is already scheduled', () => {
    const error = given(serviceUnitDecider, [...history.inHouse, scheduled])
      .when(schedule({ milestoneId: 'm-tender' }))
      .thenThrows('milestone_already_scheduled', 'conflict');
    expect(error.message).toBe('Milestone m-tender is already scheduled for this unit');
  });

  it.each<[string, object, ServiceUnitErrorCode]>([
    ['id', { milestoneId: '' }, 'milestone_id_required'],
    ['kind', { kind: 'party' }, 'invalid_kind'],
    ['title', { title: ' ' }, 'title_required'],
    ['due date', { dueDate: '2025-13-01' }, 'invalid_date'],
  ])('rejects an invalid %s', (_what, overrides, code) => {
    given(serviceUnitDecider, history.inHouse).when(schedule(overrides)).thenThrows(code, 'invalid');
  });
});

describe('CompleteMilestone', () => {
  const complete = (milestoneId = 'm-tender') => command('CompleteMilestone', { milestoneId });

  it('completes a scheduled milestone', () => {
    const state = given(serviceUnitDecider, [...history.inHouse, scheduled])
      .when(complete())
      .then([
        {
          type: 'MilestoneCompleted',
          data: { unitId: UNIT_ID, milestoneId: 'm-tender', completedAt: NOW, completedBy: OFFICER },
        },
      ]);
    expect(unit(state).milestones[0].completedAt).toBe(NOW);
  });

  it('refuses an unknown milestone', () => {
    const error = given(serviceUnitDecider, [...history.inHouse, scheduled])
      .when(complete('m-nope'))
      .thenThrows('unknown_milestone', 'invalid');
    expect(error.message).toBe('Milestone m-nope is not scheduled for this unit');
  });

  it('refuses to complete a milestone twice', () => {
    const done: ServiceUnitEvent = {
      type: 'MilestoneCompleted',
      data: {
        unitId: UNIT_ID,
        milestoneId: 'm-tender',
        completedAt: '2025-03-28T17:00:00+08:00',
        completedBy: OFFICER,
      },
    };
    const error = given(serviceUnitDecider, [...history.inHouse, scheduled, done])
      .when(complete())
      .thenThrows('milestone_already_completed', 'conflict');
    expect(error.message).toBe('Milestone m-tender was already completed at 2025-03-28T17:00:00+08:00');
  });
});

describe('the milestone a published tender completes', () => {
  const tender = (milestoneId: string, dueDate: string, kind: 'tender' | 'handover' = 'tender'): ServiceUnitEvent => ({
    type: 'MilestoneScheduled',
    data: { ...scheduled.data, milestoneId, kind, dueDate },
  });
  const completed = (milestoneId: string): ServiceUnitEvent => ({
    type: 'MilestoneCompleted',
    data: { unitId: UNIT_ID, milestoneId, completedAt: '2025-03-28T17:00:00+08:00', completedBy: OFFICER },
  });
  const milestoneAfter = (events: ServiceUnitEvent[]) =>
    tenderMilestoneOnPublication(unit(fold(serviceUnitDecider, [...history.procurement(), ...events])))?.milestoneId;

  it('is the open tender milestone due first', () => {
    expect(
      milestoneAfter([
        tender('m-late', '2025-05-31'),
        tender('m-early', '2025-03-31'),
        tender('m-handover', '2025-01-31', 'handover'),
      ]),
    ).toBe('m-early');
  });

  it('of two due the same day, is the one scheduled first', () => {
    expect(milestoneAfter([tender('m-first', '2025-03-31'), tender('m-second', '2025-03-31')])).toBe('m-first');
  });

  it('skips tender milestones already completed', () => {
    expect(
      milestoneAfter([tender('m-early', '2025-03-31'), tender('m-late', '2025-05-31'), completed('m-early')]),
    ).toBe('m-late');
  });

  it('is none when no tender milestone is open', () => {
    expect(milestoneAfter([tender('m-handover', '2025-03-31', 'handover')])).toBeUndefined();
    expect(milestoneAfter([tender('m-tender', '2025-03-31'), completed('m-tender')])).toBeUndefined();
  });
});
