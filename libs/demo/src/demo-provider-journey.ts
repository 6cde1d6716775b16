import { providerDecider, type ProviderCommand, streamIdOf } from '@spinout/domain';
import { runCommand } from '@spinout/event-store';
import { registerProvider, type UniqueClaims } from '@spinout/workflow';
import { creditCodeOf, DEMO_ACTORS, type DemoProvider, providerIdOf, unitIdOf } from './demo-data';
import { type CommandBody, type DemoContext } from './demo-sender';

/**
 * A provider's record: registration (through `registerProvider`, which claims the credit code,
 * when the caller hands over the claims), and a suspension or debarment where the story has one.
 */
export function bookProvider(ctx: DemoContext, provider: DemoProvider, claims?: UniqueClaims): void {
  const providerId = providerIdOf(provider.key);
  const streamId = streamIdOf('provider', providerId);
  const story = `provider:${provider.key}`;
  const { procurement } = DEMO_ACTORS;
  const date = provider.registeredOn;
  const creditCode = creditCodeOf(provider);
  const data = {
    providerId,
    name: provider.name,
    creditCode,
    serviceCategories: provider.serviceCategories,
    contact: provider.contact,
    ...(provider.predecessorUnit !== undefined && { predecessorUnitId: unitIdOf(provider.predecessorUnit) }),
  };

  ctx.timeline.on(date, () =>
    ctx.sender.issue(
      { key: `${story}:register`, date, actor: procurement, story },
      streamId,
      async ({ at, metadata, eventIds }) => {
        if (claims !== undefined)
          return registerProvider(ctx.store, claims, { data, actor: procurement, at, metadata, eventIds });
        const command = { type: 'RegisterProvider' as const, data, actor: procurement, at };
        return runCommand({ store: ctx.store, decider: providerDecider, streamId, command, metadata, eventIds });
      },
    ),
  );

  const standing = provider.standing;
  if (standing === undefined) return;
  const body: CommandBody<ProviderCommand> =
    standing.kind === 'suspended'
      ? { type: 'SuspendProvider', data: { until: standing.until, reason: standing.reason } }
      : { type: 'DebarProvider', data: { reason: standing.reason } };
  const step = {
    key: `${story}:${standing.kind}`,
    date: standing.on,
    actor: procurement,
    story,
    reason: standing.reason,
  };
  ctx.timeline.on(standing.on, () => ctx.sender.send(step, providerDecider, streamId, body));
}
