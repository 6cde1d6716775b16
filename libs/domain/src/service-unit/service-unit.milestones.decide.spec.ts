import { given } from '../shared/decider.testing';
import { serviceUnitDecider } from './service-unit.decider';
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
    command('ScheduleMilestone', { milestoneId: 'm-handover', kind: 'handover' as const, title: 'Handover to caterer', dueDate: '2025-06-30', ...overrides });

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
      .then([{ type: 'MilestoneCompleted', data: { unitId: UNIT_ID, milestoneId: 'm-tender', completedAt: NOW, completedBy: OFFICER } }]);
    expect(unit(state).milestones[0].completedAt).toBe(NOW);
  });

  it('refuses an unknown milestone', () => {
    const error = given(serviceUnitDecider, [...history.inHouse, scheduled]).when(complete('m-nope')).thenThrows('unknown_milestone', 'invalid');
    expect(error.message).toBe('Milestone m-nope is not scheduled for this unit');
  });

  it('refuses to complete a milestone twice', () => {
    const done: ServiceUnitEvent = {
      type: 'MilestoneCompleted',
      data: { unitId: UNIT_ID, milestoneId: 'm-tender', completedAt: '2025-03-28T17:00:00+08:00', completedBy: OFFICER },
    };
    const error = given(serviceUnitDecider, [...history.inHouse, scheduled, done])
      .when(complete())
      .thenThrows('milestone_already_completed', 'conflict');
    expect(error.message).toBe('Milestone m-tender was already completed at 2025-03-28T17:00:00+08:00');
  });
});
