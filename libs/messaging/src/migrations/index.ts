import { CreateScorecardPublisherContracts1733300000000 } from './create-scorecard-publisher-contracts.migration';

/** The tables the messaging processors keep besides their checkpoints, in order; pass to `openSqlDatabase({ migrations })`. */
export const MESSAGING_MIGRATIONS = [CreateScorecardPublisherContracts1733300000000];
