import { type Money, money, type ServiceCategory } from '@spinout/domain';
import { contractIdForAward, SPINOUT_NAMESPACE, uuidFromName } from '@spinout/workflow';
import { demoCreditCode } from './demo-credit-codes';

/**
 * The cast of the demo programme: the people who issue its commands, the agencies whose units
 * are reformed, and the providers that bid for them. Every name is invented.
 */

/** A name-based id: every id of the demo derives from its name, so a second run finds the same ids. */
export const demoId = (name: string): string => uuidFromName(SPINOUT_NAMESPACE, `demo:${name}`);

export const unitIdOf = (unitKey: string): string => demoId(`unit:${unitKey}`);
export const assetIdOf = (unitKey: string, assetKey: string): string => demoId(`asset:${unitKey}:${assetKey}`);
export const providerIdOf = (providerKey: string): string => demoId(`provider:${providerKey}`);
export const awardIdOf = (unitKey: string): string => demoId(`award:${unitKey}:1`);
/** The contract drafted from a unit's award: the id the award-to-contract process manager gives it. */
export const contractIdOf = (unitKey: string): string => contractIdForAward(unitIdOf(unitKey), awardIdOf(unitKey));
/** An OCDS ocid under the demo publisher's prefix; a re-tender gets a new one. */
export const ocidOf = (unitKey: string, tender: number): string =>
  `ocds-spdemo-${demoId(`tender:${unitKey}:${tender}`)}`;

/** Whole yuan as money in fen (CNY minor units). */
export const yuan = (amount: number): Money => money(amount * 100);

/** One principal per role, named as the API's JWT subjects would be. */
export const DEMO_ACTORS = {
  /** reform_office: registers units, proposes plans, requests procurement, runs the transition. */
  office: 'demo:li.office',
  /** approver: approves or rejects reform plans (never the proposer). */
  approver: 'demo:wang.approver',
  /** procurement: registers providers, records awards and failed tenders, suspends and debars. */
  procurement: 'demo:zhao.procurement',
  /** contract_manager: drafts contracts, records measurements and invoices, terminates. */
  contracts: 'demo:sun.contracts',
  /** contract_manager with signing authority: signs and activates what a colleague drafted. */
  signatory: 'demo:zhou.legal',
  /** approver for finance: approves settlements someone else invoiced and records payments. */
  finance: 'demo:qian.finance',
} as const;

export const AGENCIES = {
  jinhe: 'Jinhe Municipal Offices Administration',
  yunling: 'Yunling Provincial Department of Finance',
  statistics: 'State Bureau of Economic Statistics',
} as const;
export type AgencyKey = keyof typeof AGENCIES;

export type ProviderStanding =
  | { readonly kind: 'suspended'; readonly on: string; readonly until: string; readonly reason: string }
  | { readonly kind: 'debarred'; readonly on: string; readonly reason: string };

export interface DemoProvider {
  readonly key: string;
  readonly name: string;
  /** Administrative division of the registering authority (digits 3–8 of the credit code). */
  readonly division: string;
  readonly serviceCategories: readonly ServiceCategory[];
  readonly contact: { readonly name: string; readonly phone: string; readonly email: string };
  readonly registeredOn: string;
  /** Key of the unit this provider was spun off from. */
  readonly predecessorUnit?: string;
  readonly standing?: ProviderStanding;
}

export const creditCodeOf = (provider: DemoProvider): string => demoCreditCode(provider.key, provider.division);

export const PROVIDERS: readonly DemoProvider[] = [
  {
    key: 'hearth-catering',
    name: 'Jinhe Hearth Catering Management Co., Ltd.',
    division: '330100',
    serviceCategories: ['canteen'],
    contact: { name: 'Chen Yu', phone: '+86 571 8800 1101', email: 'tenders@hearth-catering.example' },
    registeredOn: '2024-06-03',
  },
  {
    key: 'qingyuan-cleaning',
    name: 'Yunling Qingyuan Cleaning Services Co., Ltd.',
    division: '530100',
    serviceCategories: ['cleaning'],
    contact: { name: 'Yang Fan', phone: '+86 871 6633 2040', email: 'bids@qingyuan-clean.example' },
    registeredOn: '2024-06-04',
  },
  {
    key: 'hengan-property',
    name: 'Huaxia Hengan Property Management Co., Ltd.',
    division: '110105',
    serviceCategories: ['property', 'landscaping', 'staff_housing', 'cleaning'],
    contact: { name: 'Liu Min', phone: '+86 10 6508 7710', email: 'public-sector@hengan-pm.example' },
    registeredOn: '2024-06-05',
  },
  {
    key: 'dunwei-security',
    name: 'Jinhe Dunwei Security Services Co., Ltd.',
    division: '330100',
    serviceCategories: ['security'],
    contact: { name: 'Guo Qiang', phone: '+86 571 8790 5521', email: 'contracts@dunwei-security.example' },
    registeredOn: '2024-06-06',
  },
  {
    key: 'huiyuan-conference',
    name: 'Yunling Huiyuan Conference Services Co., Ltd.',
    division: '530100',
    serviceCategories: ['reception'],
    contact: { name: 'Ma Lin', phone: '+86 871 6511 3080', email: 'office@huiyuan-conference.example' },
    registeredOn: '2024-07-15',
    predecessorUnit: 'yunling-conference',
  },
  {
    key: 'tianhu-guard',
    name: 'Tianhu Guard Security Co., Ltd.',
    division: '530100',
    serviceCategories: ['security'],
    contact: { name: 'Xu Bin', phone: '+86 871 6820 4419', email: 'tender@tianhu-guard.example' },
    registeredOn: '2025-03-20',
    standing: {
      kind: 'debarred',
      on: '2025-05-19',
      reason:
        'Submitted a forged public-security service licence in the Finance Department security tender; referred to the credit blacklist',
    },
  },
  {
    key: 'mozhai-printing',
    name: 'Mozhai Printing & Document Services Co., Ltd.',
    division: '330100',
    serviceCategories: ['printing'],
    contact: { name: 'Zhang Wei', phone: '+86 571 8612 9034', email: 'sales@mozhai-print.example' },
    registeredOn: '2025-04-14',
  },
  {
    key: 'tongda-fleet',
    name: 'Jinhe Tongda Fleet Services Co., Ltd.',
    division: '330100',
    serviceCategories: ['motor_pool'],
    contact: { name: 'Wu Hao', phone: '+86 571 8977 6402', email: 'gov@tongda-fleet.example' },
    registeredOn: '2024-06-07',
    standing: {
      kind: 'suspended',
      on: '2025-06-16',
      until: '2026-12-31',
      reason:
        'Civic Centre fleet contract terminated for three critical vehicle-availability breaches (2025-03 to 2025-05)',
    },
  },
];

/**
 * Met values of each SLA template, as a [from, to] range on the good side of the target: a
 * month with no story of its own measures somewhere in it (drawn from the month's name).
 */
export const GOOD_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'meal-satisfaction': [8.1, 8.9],
  'cleanliness-audit': [95.4, 98.6],
  'urgent-repair-response': [2.2, 3.9],
  'routine-completion': [95.3, 98.9],
  'patrol-compliance': [98.2, 99.8],
  'conference-setup': [99.1, 100],
  'vehicle-availability': [95.2, 98.1],
  'requests-on-time': [95.4, 99.2],
};
