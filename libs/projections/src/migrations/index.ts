import { AddSettlementOverchargeReason1733000000000 } from './add-settlement-overcharge-reason.migration';
import { CreateAuditTrailView1732500000007 } from './create-audit-trail.migration';
import { CreateContractsView1732500000003 } from './create-contracts.migration';
import { CreateProviderScorecardsView1732500000005 } from './create-provider-scorecards.migration';
import { CreateReformProgressView1732500000002 } from './create-reform-progress.migration';
import { CreateSettlementsView1732500000006 } from './create-settlements.migration';
import { CreateSlaComplianceView1732500000004 } from './create-sla-compliance.migration';
import { CreateUnitsView1732500000001 } from './create-units.migration';
import { DropScorecardRating1735000000000 } from './drop-scorecard-rating.migration';
import { IndexListOrders1734000000000 } from './index-list-orders.migration';

/** Every read-model migration, in order; pass to `openSqlDatabase({ migrations })`. */
export const PROJECTION_MIGRATIONS = [
  CreateUnitsView1732500000001,
  CreateReformProgressView1732500000002,
  CreateContractsView1732500000003,
  CreateSlaComplianceView1732500000004,
  CreateProviderScorecardsView1732500000005,
  CreateSettlementsView1732500000006,
  CreateAuditTrailView1732500000007,
  AddSettlementOverchargeReason1733000000000,
  IndexListOrders1734000000000,
  DropScorecardRating1735000000000,
];
