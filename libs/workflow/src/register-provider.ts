import {
  conflict,
  parseUnifiedSocialCreditCode,
  providerDecider,
  type RegisterProvider,
  streamIdOf,
} from '@spinout/domain';
import { type EventStore, runCommand, type RunCommandResult } from '@spinout/event-store';
import type { CommandContext } from './command-context';
import type { UniqueClaims } from './unique-claims';

export const CREDIT_CODE_SCOPE = 'provider.credit-code';

/** A registration starts the stream of a new id, so it takes no expected version. */
export interface RegisterProviderInput extends Omit<CommandContext, 'expectedVersion'> {
  readonly data: RegisterProvider['data'];
}

/**
 * A legal entity is registered once: its unified social credit code is claimed for the new
 * provider before the registration is appended, and a second registration with the same code
 * is refused with the id of the provider that holds it.
 */
export async function registerProvider(
  store: EventStore,
  claims: UniqueClaims,
  input: RegisterProviderInput,
): Promise<RunCommandResult<unknown>> {
  const code = parseUnifiedSocialCreditCode(input.data.creditCode);
  const { providerId } = input.data;
  const claim = await claims.claim(CREDIT_CODE_SCOPE, code, providerId, input.at);
  if (claim.owner !== providerId) {
    throw conflict('credit_code_taken', `A provider with credit code ${code} is already registered (${claim.owner})`, {
      field: 'creditCode',
      providerId: claim.owner,
    });
  }
  try {
    return await runCommand({
      store,
      decider: providerDecider,
      streamId: streamIdOf('provider', providerId),
      command: { type: 'RegisterProvider', data: input.data, actor: input.actor, at: input.at },
      metadata: input.metadata,
      eventIds: input.eventIds,
    });
  } catch (error) {
    // Only a claim made by this call is given back: a retry of an earlier registration keeps its claim.
    if (claim.created) await claims.release(CREDIT_CODE_SCOPE, code, providerId);
    throw error;
  }
}
