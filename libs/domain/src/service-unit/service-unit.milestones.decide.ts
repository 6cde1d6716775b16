import type { CompleteMilestone, ScheduleMilestone } from './service-unit.commands';
import { conflict, invalid, requireCalendarDate, requireOneOf, requireText } from './service-unit.errors';
import type { MilestoneCompleted, MilestoneScheduled } from './service-unit.events';
import type { RegisteredServiceUnit, UnitMilestone } from './service-unit.state';
import { MILESTONE_KINDS } from './service-unit.values';

/*
 * Milestones can be scheduled and completed in any stage of a registered unit: the reform
 * office plans dates before a plan exists and records handovers after completion. Overdue
 * milestones are a read-model concern (due date vs. today), not a state of the unit.
 */

export function decideScheduleMilestone(command: ScheduleMilestone, unit: RegisteredServiceUnit): MilestoneScheduled[] {
  const milestoneId = requireText(command.data.milestoneId, 'milestoneId', 'milestone_id_required');
  if (unit.milestones.some((milestone) => milestone.milestoneId === milestoneId)) {
    throw conflict('milestone_already_scheduled', `Milestone ${milestoneId} is already scheduled for this unit`, {
      milestoneId,
    });
  }
  return [
    {
      type: 'MilestoneScheduled',
      data: {
        unitId: unit.unitId,
        milestoneId,
        kind: requireOneOf(command.data.kind, MILESTONE_KINDS, 'kind', 'invalid_kind'),
        title: requireText(command.data.title, 'title', 'title_required'),
        dueDate: requireCalendarDate(command.data.dueDate, 'dueDate'),
        scheduledAt: command.at,
        scheduledBy: command.actor,
      },
    },
  ];
}

export function decideCompleteMilestone(command: CompleteMilestone, unit: RegisteredServiceUnit): MilestoneCompleted[] {
  const { milestoneId } = command.data;
  const milestone = unit.milestones.find((candidate) => candidate.milestoneId === milestoneId);
  if (milestone === undefined) {
    throw invalid('unknown_milestone', `Milestone ${String(milestoneId)} is not scheduled for this unit`, {
      field: 'milestoneId',
      milestoneId,
    });
  }
  if (milestone.completedAt !== null) {
    throw conflict(
      'milestone_already_completed',
      `Milestone ${milestoneId} was already completed at ${milestone.completedAt}`,
      {
        milestoneId,
      },
    );
  }
  return [
    {
      type: 'MilestoneCompleted',
      data: { unitId: unit.unitId, milestoneId, completedAt: command.at, completedBy: command.actor },
    },
  ];
}

/**
 * The milestone a published tender completes: the unit's open `tender` milestone due first (of two
 * due the same day, the one scheduled first), or none when no tender milestone is open, in which
 * case publication changes nothing (the unit is already in procurement).
 */
export function tenderMilestoneOnPublication(unit: RegisteredServiceUnit): UnitMilestone | undefined {
  let first: UnitMilestone | undefined;
  for (const milestone of unit.milestones) {
    if (milestone.kind !== 'tender' || milestone.completedAt !== null) continue;
    if (first === undefined || milestone.dueDate < first.dueDate) first = milestone;
  }
  return first;
}
