import type {
  DisposalMethod,
  MilestoneKind,
  ReformMode,
  ServiceCategory,
  ServiceUnitStage,
  StaffCounts,
} from '@spinout/domain';
import type { AgencyKey } from './demo-data';

/**
 * The 25 service units of the demo programme and where each one's story ends. Amounts are whole
 * yuan (converted to fen when sent). The journey (demo-unit-journey.ts) turns each entry into the
 * commands a reform office, approver, procurement officer and contract manager would issue.
 */

/** When a unit's reform happens: the 2024 pilot wave, the 2025 wave, or proposals of late 2025. */
export type DemoWave = 'pilot' | 'second' | 'late';

export type DemoHandover =
  | { readonly disposition: 'transferred' | 'leased' | 'retained'; readonly value: number }
  | { readonly disposition: 'disposed'; readonly method: DisposalMethod; readonly value: number };

export interface DemoAsset {
  readonly key: string;
  readonly description: string;
  readonly bookValue: number;
  /** Absent while the asset is still waiting for its disposition. */
  readonly handover?: DemoHandover;
}

export interface DemoPlan {
  readonly mode: ReformMode;
  readonly kept: readonly string[];
  readonly rationale: string;
  readonly targetCost: number;
  readonly targetDate: string;
}

export interface DemoAward {
  readonly provider: string;
  /** Contract value per year; the contract runs three years. */
  readonly annualValue: number;
  /** How far the contract has come; activated when absent. */
  readonly contractUpTo?: 'drafted' | 'signed';
}

export interface DemoPerformance {
  /** Values that break the good pattern: slaId → month → value. */
  readonly months?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly corrections?: readonly {
    readonly slaId: string;
    readonly period: string;
    readonly value: number;
    readonly reason: string;
  }[];
  readonly closedRectification?: {
    readonly slaId: string;
    readonly period: string;
    readonly closedOn: string;
    readonly evidence: string;
  };
  /** Termination for breach, after which the unit is re-tendered. */
  readonly termination?: { readonly on: string; readonly detail: string; readonly retenderOn: string };
}

export interface DemoUnit {
  readonly key: string;
  readonly agency: AgencyKey;
  readonly name: string;
  readonly category: ServiceCategory;
  readonly headcount: number;
  readonly baseline: number;
  readonly assets: readonly DemoAsset[];
  /** Where the programme leaves the unit; the specs check the log agrees. */
  readonly stage: ServiceUnitStage;
  readonly wave?: DemoWave;
  readonly plan?: DemoPlan;
  readonly rejection?: { readonly reason: string; readonly revised?: DemoPlan };
  /** Why the tender failed (the unit goes back to plan_approved). */
  readonly failedTender?: string;
  readonly award?: DemoAward;
  readonly staff?: { readonly plan: StaffCounts; readonly outcome?: StaffCounts };
  readonly performance?: DemoPerformance;
  readonly extraMilestones?: readonly { readonly kind: MilestoneKind; readonly title: string; readonly due: string }[];
}

const staff = (transferred: number, redeployed: number, retired: number, left: number): StaffCounts => ({
  transferred,
  redeployed,
  retired,
  left,
});
const outsource = (kept: string[], rationale: string, targetCost: number, targetDate: string): DemoPlan => ({
  mode: 'outsource',
  kept,
  rationale,
  targetCost,
  targetDate,
});

export const UNITS: readonly DemoUnit[] = [
  // ── Pilot wave (2024): tendered, contracted from 2025-01-01, measured through 2025 ──
  {
    key: 'jinhe-civic-canteen',
    agency: 'jinhe',
    name: 'Civic Centre staff canteen',
    category: 'canteen',
    headcount: 38,
    baseline: 7_260_000,
    stage: 'outsourced',
    wave: 'pilot',
    assets: [
      {
        key: 'kitchen-line',
        description: 'Central kitchen cooking line and cold store',
        bookValue: 1_850_000,
        handover: { disposition: 'leased', value: 180_000 },
      },
      {
        key: 'dining-furniture',
        description: 'Dining hall furniture, 420 seats',
        bookValue: 260_000,
        handover: { disposition: 'transferred', value: 210_000 },
      },
      {
        key: 'delivery-van',
        description: 'Refrigerated delivery van (2016)',
        bookValue: 95_000,
        handover: { disposition: 'disposed', method: 'auction', value: 61_000 },
      },
    ],
    plan: outsource(
      ['menu and price approval', 'food safety supervision', 'diner satisfaction survey'],
      'Outsourced canteens in the municipal pilot cost 15–20 % less at equal satisfaction; the kitchen stays municipal property and is leased to the caterer.',
      6_120_000,
      '2025-01-31',
    ),
    award: { provider: 'hearth-catering', annualValue: 6_048_000 },
    staff: { plan: staff(30, 4, 3, 1), outcome: staff(29, 5, 3, 1) },
    performance: {
      months: { 'meal-satisfaction': { '2025-03': 7.6, '2025-07': 6.2, '2025-08': 7.9 } },
      closedRectification: {
        slaId: 'meal-satisfaction',
        period: '2025-07',
        closedOn: '2025-08-28',
        evidence:
          'Food-safety re-inspection passed on 2025-08-26; cold-chain supplier replaced; all kitchen staff retrained (attendance sheets filed)',
      },
    },
  },
  {
    key: 'yunling-cleaning',
    agency: 'yunling',
    name: 'Finance Tower cleaning team',
    category: 'cleaning',
    headcount: 26,
    baseline: 3_380_000,
    stage: 'outsourced',
    wave: 'pilot',
    assets: [
      {
        key: 'scrubbers',
        description: 'Ride-on floor scrubbers (4)',
        bookValue: 320_000,
        handover: { disposition: 'transferred', value: 240_000 },
      },
      {
        key: 'store-room',
        description: 'Consumables store and equipment room fit-out',
        bookValue: 85_000,
        handover: { disposition: 'retained', value: 0 },
      },
    ],
    plan: outsource(
      ['cleaning standard and audit', 'access to restricted floors'],
      'Cleaning is a mature market in the provincial capital; three comparable departments pay 12 % less per square metre.',
      2_960_000,
      '2025-01-31',
    ),
    award: { provider: 'qingyuan-cleaning', annualValue: 2_916_000 },
    staff: { plan: staff(18, 5, 2, 1), outcome: staff(17, 6, 2, 1) },
    performance: {
      months: { 'cleanliness-audit': { '2025-02': 93.5, '2025-11': 94.2 } },
      corrections: [
        {
          slaId: 'cleanliness-audit',
          period: '2025-11',
          value: 95.1,
          reason: 'Audit sheet for floor 17 was scored twice; re-tallied by the facilities audit team',
        },
      ],
    },
  },
  {
    key: 'statistics-campus-property',
    agency: 'statistics',
    name: 'Survey campus property management office',
    category: 'property',
    headcount: 21,
    baseline: 4_650_000,
    stage: 'outsourced',
    wave: 'pilot',
    assets: [
      {
        key: 'bms',
        description: 'Building management system and control room',
        bookValue: 1_240_000,
        handover: { disposition: 'retained', value: 0 },
      },
      {
        key: 'workshop-tools',
        description: 'Maintenance workshop tools and test equipment',
        bookValue: 210_000,
        handover: { disposition: 'transferred', value: 150_000 },
      },
      {
        key: 'pickups',
        description: 'Service pick-up trucks (2)',
        bookValue: 180_000,
        handover: { disposition: 'leased', value: 36_000 },
      },
    ],
    plan: outsource(
      ['capital works planning', 'energy budget', 'security classification of server rooms'],
      'One facilities contract replaces five trades; repairs are held to response-time SLAs instead of headcount.',
      4_080_000,
      '2025-01-31',
    ),
    award: { provider: 'hengan-property', annualValue: 4_032_000 },
    staff: { plan: staff(14, 4, 2, 1), outcome: staff(13, 5, 2, 1) },
    performance: {
      months: { 'urgent-repair-response': { '2025-04': 5.5, '2025-12': 9.5 }, 'routine-completion': { '2025-06': 92 } },
      corrections: [
        {
          slaId: 'urgent-repair-response',
          period: '2025-04',
          value: 3.8,
          reason: 'Two routine tickets had been logged as urgent; helpdesk log re-classified and the mean recomputed',
        },
      ],
    },
  },
  {
    key: 'jinhe-civic-security',
    agency: 'jinhe',
    name: 'Civic Centre security guard unit',
    category: 'security',
    headcount: 24,
    baseline: 3_960_000,
    stage: 'outsourced',
    wave: 'pilot',
    assets: [
      {
        key: 'cctv',
        description: 'CCTV control room and 140 cameras',
        bookValue: 1_650_000,
        handover: { disposition: 'retained', value: 0 },
      },
      {
        key: 'radios',
        description: 'Handheld radios and patrol checkpoint readers',
        bookValue: 96_000,
        handover: { disposition: 'transferred', value: 60_000 },
      },
    ],
    plan: outsource(
      ['security classification and vetting', 'access policy', 'emergency command'],
      'Guarding is bought under the public-security licence regime; classified zones and the CCTV room stay with the administration.',
      3_520_000,
      '2025-01-31',
    ),
    award: { provider: 'dunwei-security', annualValue: 3_492_000 },
    staff: { plan: staff(16, 6, 1, 1), outcome: staff(15, 7, 1, 1) },
    performance: { months: { 'patrol-compliance': { '2025-10': 96.5 } } },
  },
  {
    key: 'yunling-conference',
    agency: 'yunling',
    name: 'Finance Department conference and reception centre',
    category: 'reception',
    headcount: 16,
    baseline: 2_840_000,
    stage: 'spun_off',
    wave: 'pilot',
    assets: [
      {
        key: 'av-system',
        description: 'Conference hall audio-visual system',
        bookValue: 760_000,
        handover: { disposition: 'transferred', value: 640_000 },
      },
      {
        key: 'shuttles',
        description: 'Guest shuttle minibuses (2)',
        bookValue: 410_000,
        handover: { disposition: 'transferred', value: 300_000 },
      },
      {
        key: 'hall',
        description: 'Lecture hall and meeting suite fit-out',
        bookValue: 1_900_000,
        handover: { disposition: 'leased', value: 240_000 },
      },
    ],
    plan: {
      mode: 'spin_off',
      kept: ['protocol approval', 'security of confidential meetings'],
      targetCost: 2_400_000,
      targetDate: '2025-01-31',
      rationale:
        'The centre already earns a third of its costs from other departments; as a company it can sell its capacity and be contracted for the department’s own meetings.',
    },
    award: { provider: 'huiyuan-conference', annualValue: 2_376_000 },
    staff: { plan: staff(13, 2, 1, 0), outcome: staff(14, 1, 1, 0) },
    performance: { months: { 'conference-setup': { '2025-01': 97.5, '2025-02': 98.2 } } },
  },
  {
    key: 'statistics-canteen',
    agency: 'statistics',
    name: 'Bureau staff canteen',
    category: 'canteen',
    headcount: 22,
    baseline: 3_900_000,
    stage: 'transition',
    wave: 'pilot',
    assets: [
      {
        key: 'kitchen',
        description: 'Kitchen equipment and dishwashing line',
        bookValue: 980_000,
        handover: { disposition: 'leased', value: 96_000 },
      },
      { key: 'dining-hall', description: 'Dining hall fit-out', bookValue: 310_000 },
    ],
    plan: outsource(
      ['menu and price approval', 'food safety supervision'],
      'Joins the municipal catering framework; the bureau keeps price control and food-safety supervision.',
      3_480_000,
      '2025-03-31',
    ),
    award: { provider: 'hearth-catering', annualValue: 3_456_000 },
    staff: { plan: staff(16, 3, 2, 1), outcome: staff(12, 3, 2, 1) },
    performance: { months: { 'meal-satisfaction': { '2025-05': 7.7 } } },
  },
  {
    key: 'jinhe-civic-grounds',
    agency: 'jinhe',
    name: 'Civic Centre grounds and greening team',
    category: 'landscaping',
    headcount: 12,
    baseline: 1_460_000,
    stage: 'transition',
    wave: 'pilot',
    assets: [
      {
        key: 'mowers',
        description: 'Ride-on mowers and hedge trimmers',
        bookValue: 145_000,
        handover: { disposition: 'transferred', value: 90_000 },
      },
      { key: 'greenhouse', description: 'Plant nursery greenhouse', bookValue: 230_000 },
      { key: 'water-truck', description: 'Irrigation water truck (2012)', bookValue: 60_000 },
    ],
    plan: outsource(
      ['landscape design approval', 'tree protection orders'],
      'Seasonal work suits a contractor with a larger crew; the team’s winter idle time disappears.',
      1_290_000,
      '2025-03-31',
    ),
    award: { provider: 'hengan-property', annualValue: 1_272_000 },
    staff: { plan: staff(8, 2, 2, 0), outcome: staff(6, 2, 1, 0) },
    performance: { months: { 'requests-on-time': { '2025-08': 90 } } },
  },
  {
    key: 'yunling-dormitory',
    agency: 'yunling',
    name: 'Finance staff dormitory management',
    category: 'staff_housing',
    headcount: 7,
    baseline: 980_000,
    stage: 'transition',
    wave: 'pilot',
    assets: [
      {
        key: 'laundry',
        description: 'Laundry room machines',
        bookValue: 58_000,
        handover: { disposition: 'transferred', value: 40_000 },
      },
      { key: 'furniture', description: 'Dormitory furniture stock (112 rooms)', bookValue: 390_000 },
    ],
    plan: outsource(
      ['allocation of rooms', 'rent setting'],
      'Dormitory upkeep joins the property contract of the same provider; allocation and rents stay with the department.',
      880_000,
      '2025-03-31',
    ),
    award: { provider: 'hengan-property', annualValue: 864_000 },
    staff: { plan: staff(5, 1, 1, 0), outcome: staff(4, 1, 1, 0) },
    performance: { months: { 'requests-on-time': { '2025-03': 94 } } },
  },
  {
    key: 'jinhe-motor-pool',
    agency: 'jinhe',
    name: 'Civic Centre motor pool',
    category: 'motor_pool',
    headcount: 31,
    baseline: 5_870_000,
    stage: 'procurement',
    wave: 'pilot',
    assets: [
      {
        key: 'sedans',
        description: 'Official sedans (14)',
        bookValue: 2_100_000,
        handover: { disposition: 'leased', value: 420_000 },
      },
      {
        key: 'minibuses',
        description: 'Minibuses (4)',
        bookValue: 720_000,
        handover: { disposition: 'leased', value: 144_000 },
      },
      {
        key: 'garage',
        description: 'Garage and wash bay equipment',
        bookValue: 160_000,
        handover: { disposition: 'transferred', value: 120_000 },
      },
      {
        key: 'old-sedans',
        description: 'Sedans past retirement age (6)',
        bookValue: 90_000,
        handover: { disposition: 'disposed', method: 'auction', value: 132_000 },
      },
    ],
    plan: outsource(
      ['vehicle allocation rules', 'official-car reform compliance'],
      'Official-car reform cut the fleet by a third; a fleet contractor can pool the remaining vehicles across departments.',
      5_100_000,
      '2025-01-31',
    ),
    award: { provider: 'tongda-fleet', annualValue: 4_968_000 },
    staff: { plan: staff(20, 7, 3, 1), outcome: staff(19, 8, 3, 1) },
    performance: {
      months: {
        'vehicle-availability': { '2025-01': 95.6, '2025-02': 93, '2025-03': 88.5, '2025-04': 86, '2025-05': 89.2 },
      },
      termination: {
        on: '2025-06-10',
        retenderOn: '2025-09-01',
        detail: 'Vehicle availability critically breached in 2025-03, 2025-04 and 2025-05; rectification plans not met',
      },
    },
    extraMilestones: [{ kind: 'award', title: 'Award of the motor pool re-tender', due: '2025-12-31' }],
  },
  // Decided in the pilot wave without a tender.
  {
    key: 'jinhe-buildings-workshop',
    agency: 'jinhe',
    name: 'Municipal buildings maintenance workshop',
    category: 'property',
    headcount: 19,
    baseline: 3_420_000,
    stage: 'charge_back',
    wave: 'pilot',
    assets: [{ key: 'tools', description: 'Workshop tools and lifting platforms', bookValue: 270_000 }],
    plan: {
      mode: 'charge_back',
      kept: ['maintenance budget', 'work-order pricing'],
      targetCost: 2_900_000,
      targetDate: '2024-07-01',
      rationale:
        'Departments are billed per work order, so demand meets a price and the workshop’s cost becomes visible.',
    },
  },
  {
    key: 'statistics-survey-print',
    agency: 'statistics',
    name: 'Survey forms print centre',
    category: 'printing',
    headcount: 10,
    baseline: 1_560_000,
    stage: 'charge_back',
    wave: 'pilot',
    assets: [{ key: 'web-press', description: 'Web press for survey forms', bookValue: 1_480_000 }],
    plan: {
      mode: 'charge_back',
      kept: ['confidential form handling'],
      targetCost: 1_200_000,
      targetDate: '2024-07-01',
      rationale:
        'Survey departments pay for their print runs; the press stays in-house because census forms are confidential before release.',
    },
  },
  {
    key: 'yunling-confidential-fleet',
    agency: 'yunling',
    name: 'Confidential document transport fleet',
    category: 'motor_pool',
    headcount: 8,
    baseline: 1_290_000,
    stage: 'retained',
    wave: 'pilot',
    assets: [{ key: 'secure-vans', description: 'Armoured document vans (3)', bookValue: 960_000 }],
    plan: {
      mode: 'retain',
      kept: ['all functions'],
      targetCost: 1_290_000,
      targetDate: '2024-03-31',
      rationale: 'Budget papers and treasury documents travel with vetted drivers only; the unit stays in-house.',
    },
  },
  {
    key: 'jinhe-emergency-support',
    agency: 'jinhe',
    name: 'Civic Centre emergency command support team',
    category: 'other',
    headcount: 6,
    baseline: 820_000,
    stage: 'retained',
    wave: 'pilot',
    assets: [{ key: 'generators', description: 'Mobile generators and command tent', bookValue: 310_000 }],
    plan: {
      mode: 'retain',
      kept: ['all functions'],
      targetCost: 820_000,
      targetDate: '2024-03-31',
      rationale:
        'Emergency command support must answer within minutes at any hour; no contract can guarantee that more cheaply.',
    },
  },
  // ── Second wave (2025): tendered during 2025, awards at the end of the year ──
  {
    key: 'statistics-campus-cleaning',
    agency: 'statistics',
    name: 'Survey campus cleaning team',
    category: 'cleaning',
    headcount: 19,
    baseline: 2_450_000,
    stage: 'awarded',
    wave: 'second',
    assets: [{ key: 'scrubbers', description: 'Floor scrubbers and carpet extractors', bookValue: 140_000 }],
    plan: outsource(
      ['cleaning standard and audit'],
      'Follows the Finance Tower result: the same market, a comparable building.',
      2_200_000,
      '2026-03-31',
    ),
    award: { provider: 'qingyuan-cleaning', annualValue: 2_160_000, contractUpTo: 'signed' },
    staff: { plan: staff(14, 3, 2, 0) },
  },
  {
    key: 'jinhe-print-shop',
    agency: 'jinhe',
    name: 'Municipal print and copy shop',
    category: 'printing',
    headcount: 8,
    baseline: 1_120_000,
    stage: 'awarded',
    wave: 'second',
    assets: [
      { key: 'offset-press', description: 'Two-colour offset press (2009)', bookValue: 380_000 },
      { key: 'digital-press', description: 'Digital production printer', bookValue: 260_000 },
    ],
    plan: outsource(
      ['publication approval'],
      'Print volumes halved since 2019; a print services contract pays per job instead of for an idle press.',
      960_000,
      '2026-03-31',
    ),
    award: { provider: 'mozhai-printing', annualValue: 936_000, contractUpTo: 'drafted' },
  },
  {
    key: 'yunling-security',
    agency: 'yunling',
    name: 'Finance Department security unit',
    category: 'security',
    headcount: 18,
    baseline: 2_950_000,
    stage: 'procurement',
    wave: 'second',
    assets: [
      { key: 'xray', description: 'Mailroom X-ray scanner', bookValue: 210_000 },
      { key: 'access-control', description: 'CCTV and access-control system', bookValue: 880_000 },
    ],
    plan: outsource(
      ['vault and treasury access control', 'vetting'],
      'Guarding of public floors is bought in; the vault and treasury rooms keep departmental guards.',
      2_640_000,
      '2026-01-31',
    ),
  },
  {
    key: 'statistics-mail-courier',
    agency: 'statistics',
    name: 'Bureau mail and document courier service',
    category: 'other',
    headcount: 9,
    baseline: 1_030_000,
    stage: 'procurement',
    wave: 'second',
    assets: [{ key: 'vans', description: 'Courier vans (3)', bookValue: 240_000 }],
    plan: outsource(
      ['registered-mail register'],
      'Courier firms already carry most of the bureau’s post; the in-house run duplicates them.',
      900_000,
      '2026-01-31',
    ),
  },
  {
    key: 'statistics-motor-pool',
    agency: 'statistics',
    name: 'Bureau vehicle pool',
    category: 'motor_pool',
    headcount: 17,
    baseline: 3_150_000,
    stage: 'plan_approved',
    wave: 'second',
    assets: [{ key: 'field-vehicles', description: 'Survey field vehicles (11)', bookValue: 1_320_000 }],
    plan: outsource(
      ['vehicle allocation rules'],
      'Field survey seasons need vehicles for eight weeks a year; a contractor can supply them on demand.',
      2_800_000,
      '2026-01-31',
    ),
    failedTender: 'Only one compliant bid by the deadline; the procurement rules need at least three',
  },
  {
    key: 'yunling-print-centre',
    agency: 'yunling',
    name: 'Finance Department print and document centre',
    category: 'printing',
    headcount: 6,
    baseline: 860_000,
    stage: 'plan_approved',
    wave: 'second',
    assets: [{ key: 'presses', description: 'Digital presses and binding line', bookValue: 310_000 }],
    plan: {
      mode: 'charge_back',
      kept: ['budget document printing'],
      targetCost: 620_000,
      targetDate: '2025-07-01',
      rationale: 'Other departments use the centre; billing them recovers about a quarter of its cost.',
    },
  },
  // ── Late proposals (2025–2026) and units not yet looked at ──
  {
    key: 'jinhe-civic-conference',
    agency: 'jinhe',
    name: 'Civic Centre conference services',
    category: 'reception',
    headcount: 11,
    baseline: 1_640_000,
    stage: 'plan_proposed',
    wave: 'late',
    assets: [
      { key: 'chamber-av', description: 'Council chamber AV and simultaneous interpretation', bookValue: 1_120_000 },
    ],
    plan: outsource(
      ['protocol approval'],
      'Follows the provincial conference centre: book the service, keep the protocol.',
      1_420_000,
      '2026-12-31',
    ),
  },
  {
    key: 'statistics-grounds',
    agency: 'statistics',
    name: 'Survey campus grounds team',
    category: 'landscaping',
    headcount: 7,
    baseline: 720_000,
    stage: 'plan_proposed',
    wave: 'late',
    assets: [{ key: 'mowers', description: 'Mowers and hand tools', bookValue: 48_000 }],
    plan: outsource(
      ['landscape design approval'],
      'Too small to keep a year-round crew; join the municipal grounds contract.',
      610_000,
      '2026-12-31',
    ),
  },
  {
    key: 'yunling-canteen',
    agency: 'yunling',
    name: 'Finance Department canteen',
    category: 'canteen',
    headcount: 27,
    baseline: 4_980_000,
    stage: 'plan_proposed',
    wave: 'late',
    assets: [{ key: 'kitchen', description: 'Kitchen and servery equipment', bookValue: 1_050_000 }],
    plan: outsource(
      ['menu and price approval', 'food safety supervision'],
      'Same model as the Civic Centre canteen.',
      4_100_000,
      '2026-09-30',
    ),
    rejection: {
      reason:
        'The target cost leaves out the lunch subsidy for retired staff; re-cost the plan with it before approval',
      revised: outsource(
        ['menu and price approval', 'food safety supervision', 'retiree lunch subsidy'],
        'Same model as the Civic Centre canteen; the retiree lunch subsidy stays with the department and is costed in.',
        4_500_000,
        '2026-12-31',
      ),
    },
  },
  {
    key: 'statistics-archive-guards',
    agency: 'statistics',
    name: 'Bureau data centre and archive guards',
    category: 'security',
    headcount: 14,
    baseline: 2_310_000,
    stage: 'in_house',
    wave: 'late',
    assets: [{ key: 'vault-doors', description: 'Archive access control and vault doors', bookValue: 640_000 }],
    plan: outsource(['vetting'], 'Guarding could join the campus security contract.', 1_980_000, '2026-06-30'),
    rejection: {
      reason:
        'Guards of the census microdata archive need security clearance; outsourcing them would breach the data-classification rules',
    },
  },
  {
    key: 'jinhe-staff-apartments',
    agency: 'jinhe',
    name: 'Municipal staff apartments (Heping Road)',
    category: 'staff_housing',
    headcount: 9,
    baseline: 1_380_000,
    stage: 'in_house',
    assets: [{ key: 'lifts', description: 'Passenger lifts (6)', bookValue: 1_260_000 }],
    extraMilestones: [
      { kind: 'plan_approval', title: 'Reform plan for the staff apartments approved', due: '2025-09-30' },
    ],
  },
  {
    key: 'yunling-archive-logistics',
    agency: 'yunling',
    name: 'Finance archive logistics team',
    category: 'other',
    headcount: 5,
    baseline: 540_000,
    stage: 'in_house',
    assets: [{ key: 'shelving', description: 'Mobile archive shelving', bookValue: 380_000 }],
  },
];

export const unitByKey = (key: string): DemoUnit => {
  const unit = UNITS.find((candidate) => candidate.key === key);
  if (unit === undefined) throw new Error(`No demo unit ${key}`);
  return unit;
};
