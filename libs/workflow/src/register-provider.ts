import { conflict, parseUnifiedSocialCreditCode, providerDecider, RegisterProvider } from '@spinout/domain';
import { EventMetadata, EventStore, runCommand, RunCommandResult } from '@spinout/event-store';
import { streamIdOf } from './streams';
import type { UniqueClaims } from './unique-claims';

export const CREDIT_CODE_SCOPE = 'provider.credit-code';

/**
 * A legal entity is registered once: its unified social credit code is claimed for the new
 * provider before the registration is appended, and a second registration with the same code
 * is refused with the id of the provider that holds it.
 */
export async function registerProvider(
  store: EventStore,
  claims: UniqueClaims,
  input: { data: RegisterProvider['data']; actor: string; at: string; metadata: EventMetadata },
): Promise<RunCommandResult<unknown>> {
  const code = parseUnifiedSocialCreditCode(input.data.creditCode);
  const { providerId } = input.data;
  const holder = await claims.claim(CREDIT_CODE_SCOPE, code, providerId, input.at);
  if (holder !== providerId) {
    throw conflict('credit_code_taken', `A provider with credit code ${code} is already registered (${holder})`, { field: 'creditCode', providerId: holder });
  }
  try {
    return await runCommand({
      store,
      decider: providerDecider,
      streamId: streamIdOf('provider', providerId),
      command: { type: 'RegisterProvider', data: input.data, actor: input.actor, at: input.at },
      metadata: input.metadata,
    });
  } catch (error) {
    await claims.release(CREDIT_CODE_SCOPE, code, providerId);
    throw error;
  }
}
