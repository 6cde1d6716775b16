import type { ServiceCategory, SlaDefinition } from '@spinout/domain';

/**
 * The SLA schedule a drafted contract starts with, by service category (DOMAIN.md's examples).
 * The contract manager amends it while the contract is a draft. Credits: a fixed share of the
 * monthly charge per breached month, capped per SLA.
 */
const fixed = (percentOfCharge: number) => ({ kind: 'fixed_percent' as const, percentOfCharge });

const ON_TIME: SlaDefinition = {
  slaId: 'requests-on-time',
  title: 'Service requests completed on time',
  metric: 'requests completed within agreed time',
  unit: '%',
  direction: 'higher_is_better',
  target: 95,
  criticalThreshold: 85,
  weight: 1,
  creditRule: fixed(3),
  capPercent: 5,
};

export const SLA_TEMPLATES: Record<ServiceCategory, readonly SlaDefinition[]> = {
  property: [
    {
      slaId: 'urgent-repair-response',
      title: 'Urgent repair response time',
      metric: 'mean response time to urgent repairs',
      unit: 'h',
      direction: 'lower_is_better',
      target: 4,
      criticalThreshold: 8,
      weight: 2,
      creditRule: fixed(3),
      capPercent: 5,
    },
    {
      slaId: 'routine-completion',
      title: 'Routine requests completed within 15 days',
      metric: 'share of routine requests closed within 15 days',
      unit: '%',
      direction: 'higher_is_better',
      target: 95,
      criticalThreshold: 85,
      weight: 1,
      creditRule: fixed(2),
      capPercent: 4,
    },
  ],
  motor_pool: [
    {
      slaId: 'vehicle-availability',
      title: 'Vehicle availability',
      metric: 'share of fleet available for dispatch',
      unit: '%',
      direction: 'higher_is_better',
      target: 95,
      criticalThreshold: 90,
      weight: 1,
      creditRule: { kind: 'linear', perUnitPercent: 1 },
      capPercent: 10,
    },
  ],
  canteen: [
    {
      slaId: 'meal-satisfaction',
      title: 'Meal satisfaction survey score',
      metric: 'mean diner survey score (0–10)',
      unit: 'score',
      direction: 'higher_is_better',
      target: 8,
      criticalThreshold: 6.5,
      weight: 1,
      creditRule: fixed(4),
      capPercent: 8,
    },
  ],
  cleaning: [
    {
      slaId: 'cleanliness-audit',
      title: 'Cleanliness audit score',
      metric: 'monthly audit score',
      unit: '%',
      direction: 'higher_is_better',
      target: 95,
      criticalThreshold: 85,
      weight: 1,
      creditRule: fixed(3),
      capPercent: 6,
    },
  ],
  security: [
    {
      slaId: 'patrol-compliance',
      title: 'Patrol checkpoint compliance',
      metric: 'share of scheduled checkpoints patrolled',
      unit: '%',
      direction: 'higher_is_better',
      target: 98,
      criticalThreshold: 92,
      weight: 1,
      creditRule: fixed(5),
      capPercent: 10,
    },
  ],
  reception: [
    {
      slaId: 'conference-setup',
      title: 'Conference setup on time',
      metric: 'share of conference setups ready on time',
      unit: '%',
      direction: 'higher_is_better',
      target: 99,
      criticalThreshold: 95,
      weight: 1,
      creditRule: fixed(3),
      capPercent: 6,
    },
  ],
  printing: [ON_TIME],
  landscaping: [ON_TIME],
  staff_housing: [ON_TIME],
  other: [ON_TIME],
};
