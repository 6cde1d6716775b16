import { firstDuplicate, sameSubject } from '../shared';
import type {
  ApproveReformPlan,
  CompleteChargeBack,
  ProposeReformPlan,
  RegisterServiceUnit,
  ReformPlanTerms,
  RejectReformPlan,
  ReviseReformPlan,
} from './service-unit.commands';
import type {
  ChargeBackCompleted,
  ReformPlanApproved,
  ReformPlanProposed,
  ReformPlanRejected,
  ReformPlanRevised,
  ServiceUnitRegistered,
} from './service-unit.events';
import {
  conflict,
  forbidden,
  invalid,
  requireCalendarDate,
  requireCount,
  requireMoney,
  requireOneOf,
  requireText,
} from './service-unit.errors';
import { requireBaselineCurrency, requireStage } from './service-unit.guards';
import type { RegisteredServiceUnit, ServiceUnitState } from './service-unit.state';
import { REFORM_MODES, SERVICE_CATEGORIES } from './service-unit.values';

/*
 * Registration and the reform plan: propose → approve | reject → revise → approve.
 *
 * Decisions recorded here:
 * 1. Segregation of duties: the person who proposed (or last revised) a plan can neither
 *    approve nor reject it; a second person decides.
 * 2. An approved `retain` plan moves the unit to the `retained` stage, not back to `in_house`:
 *    the decision to keep the service in-house is then visible in the progress view. A
 *    retained unit may be reconsidered later with a new proposal.
 * 3. An approved `charge_back` plan waits in `plan_approved` and never goes to procurement;
 *    CompleteChargeBack records that internal billing is in place.
 * 4. A rejected plan stays on record (status `rejected`, with the reason) so that it can be
 *    revised as a new revision, or replaced by a fresh proposal.
 */

export function decideRegister(command: RegisterServiceUnit, state: ServiceUnitState): ServiceUnitRegistered[] {
  if (state.status === 'registered') {
    throw conflict(
      'service_unit_already_registered',
      `Service unit ${state.unitId} is already registered; a unit is registered once`,
      { unitId: state.unitId },
    );
  }
  const d = command.data;
  const unitId = requireText(d.unitId, 'unitId', 'unit_id_required');
  const agency = requireText(d.agency, 'agency', 'agency_required');
  const name = requireText(d.name, 'name', 'name_required');
  const category = requireOneOf(d.category, SERVICE_CATEGORIES, 'category', 'invalid_category');
  const establishmentHeadcount = requireCount(d.establishmentHeadcount, 'establishmentHeadcount');
  const annualCostBaseline = requireMoney(d.annualCostBaseline, 'annualCostBaseline');
  if (!Array.isArray(d.assets)) {
    throw invalid('invalid_assets', 'assets must be a list (empty when the unit has no registered assets)', {
      field: 'assets',
    });
  }
  const assets = d.assets.map((asset, i) => {
    if (typeof asset !== 'object' || asset === null) {
      throw invalid('invalid_assets', `assets[${i}] must be an asset with id, description and book value`, {
        field: `assets[${i}]`,
      });
    }
    return {
      assetId: requireText(asset.assetId, `assets[${i}].assetId`, 'asset_id_required'),
      description: requireText(asset.description, `assets[${i}].description`, 'description_required'),
      bookValue: requireMoney(asset.bookValue, `assets[${i}].bookValue`),
    };
  });
  const duplicate = firstDuplicate(assets.map((asset) => asset.assetId));
  if (duplicate !== undefined) {
    throw invalid('duplicate_asset_id', `Asset id ${duplicate} appears more than once in the asset register`, {
      field: 'assets',
      assetId: duplicate,
    });
  }
  return [
    {
      type: 'ServiceUnitRegistered',
      data: {
        unitId,
        agency,
        name,
        category,
        establishmentHeadcount,
        annualCostBaseline,
        assets,
        registeredAt: command.at,
        registeredBy: command.actor,
      },
    },
  ];
}

function validTerms(unit: RegisteredServiceUnit, terms: ReformPlanTerms): ReformPlanTerms {
  const functions = terms.managementFunctionsKept;
  if (!Array.isArray(functions)) {
    throw invalid('invalid_management_functions', 'managementFunctionsKept must be a list of function names', {
      field: 'managementFunctionsKept',
    });
  }
  functions.forEach((fn, i) => requireText(fn, `managementFunctionsKept[${i}]`, 'management_functions_kept_required'));
  const duplicate = firstDuplicate(functions);
  if (duplicate !== undefined) {
    throw invalid('duplicate_management_function', `Management function "${duplicate}" is listed more than once`, {
      field: 'managementFunctionsKept',
    });
  }
  return {
    mode: requireOneOf(terms.mode, REFORM_MODES, 'mode', 'invalid_mode'),
    managementFunctionsKept: [...functions],
    rationale: requireText(terms.rationale, 'rationale', 'rationale_required'),
    targetAnnualCost: requireBaselineCurrency(unit, terms.targetAnnualCost, 'targetAnnualCost'),
    targetDate: requireCalendarDate(terms.targetDate, 'targetDate'),
  };
}

export function decidePropose(command: ProposeReformPlan, unit: RegisteredServiceUnit): ReformPlanProposed[] {
  requireStage(unit, ['in_house', 'retained'], 'plan_already_underway', 'A reform plan can be proposed');
  return [
    {
      type: 'ReformPlanProposed',
      data: {
        unitId: unit.unitId,
        ...validTerms(unit, command.data),
        revision: 1,
        proposedAt: command.at,
        proposedBy: command.actor,
      },
    },
  ];
}

export function decideRevise(command: ReviseReformPlan, unit: RegisteredServiceUnit): ReformPlanRevised[] {
  if (unit.plan === null || unit.plan.status !== 'rejected') {
    const what = unit.plan === null ? 'the unit has no plan' : `the plan is ${unit.plan.status}`;
    throw conflict('plan_not_rejected', `Only a rejected plan can be revised; ${what} (unit is ${unit.stage})`, {
      stage: unit.stage,
      planStatus: unit.plan?.status ?? null,
    });
  }
  return [
    {
      type: 'ReformPlanRevised',
      data: {
        unitId: unit.unitId,
        ...validTerms(unit, command.data),
        revision: unit.plan.revision + 1,
        revisedAt: command.at,
        revisedBy: command.actor,
      },
    },
  ];
}

function requireOtherThanProposer(unit: RegisteredServiceUnit, actor: string, verb: string): void {
  if (unit.plan !== null && sameSubject(unit.plan.proposedBy, actor)) {
    throw forbidden(
      'segregation_of_duties',
      `A plan must be ${verb} by someone other than its proposer; ${actor} proposed this plan`,
      { proposedBy: unit.plan.proposedBy },
    );
  }
}

export function decideApprove(command: ApproveReformPlan, unit: RegisteredServiceUnit): ReformPlanApproved[] {
  requireStage(unit, ['plan_proposed'], 'plan_not_proposed', 'A plan can be approved');
  requireOtherThanProposer(unit, command.actor, 'approved');
  const plan = unit.plan!; // plan_proposed always holds a plan (set by ReformPlanProposed/Revised)
  return [
    {
      type: 'ReformPlanApproved',
      data: {
        unitId: unit.unitId,
        revision: plan.revision,
        mode: plan.mode,
        approvedAt: command.at,
        approvedBy: command.actor,
      },
    },
  ];
}

export function decideReject(command: RejectReformPlan, unit: RegisteredServiceUnit): ReformPlanRejected[] {
  requireStage(unit, ['plan_proposed'], 'plan_not_proposed', 'A plan can be rejected');
  requireOtherThanProposer(unit, command.actor, 'rejected');
  const plan = unit.plan!; // plan_proposed always holds a plan
  return [
    {
      type: 'ReformPlanRejected',
      data: {
        unitId: unit.unitId,
        revision: plan.revision,
        reason: requireText(command.data.reason, 'reason', 'reason_required'),
        rejectedAt: command.at,
        rejectedBy: command.actor,
      },
    },
  ];
}

export function decideCompleteChargeBack(
  command: CompleteChargeBack,
  unit: RegisteredServiceUnit,
): ChargeBackCompleted[] {
  requireStage(unit, ['plan_approved'], 'charge_back_not_approved', 'A charge-back can be completed');
  if (unit.plan?.mode !== 'charge_back') {
    throw conflict(
      'charge_back_not_approved',
      `A charge-back can only be completed under an approved charge_back plan; the approved plan is ${unit.plan?.mode ?? 'missing'}`,
      { mode: unit.plan?.mode ?? null },
    );
  }
  return [
    { type: 'ChargeBackCompleted', data: { unitId: unit.unitId, completedAt: command.at, completedBy: command.actor } },
  ];
}
