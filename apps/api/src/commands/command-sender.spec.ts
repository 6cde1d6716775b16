import type { CommandContext } from './command-context';
import { CommandSender, type CommandDispatch } from './command-sender';
import { ExecuteDomainCommand } from './execute-domain-command';

const context: CommandContext = {
  actor: 'wang.approver',
  at: '2025-03-01T09:00:00.000Z',
  metadata: {
    actor: 'wang.approver',
    correlationId: 'c-1',
    causationId: 'k-1',
    occurredAt: '2025-03-01T09:00:00.000Z',
  },
  expectedVersion: 3,
};

function senderWithBus(): { sender: CommandSender; sent: unknown[] } {
  const sent: unknown[] = [];
  const bus: CommandDispatch = { execute: async (command) => (sent.push(command), { id: 'u-1', version: 4 }) };
  return { sender: new CommandSender(bus), sent };
}

describe('CommandSender', () => {
  it('puts a command of the aggregate, stamped with the actor and time of its context, on the bus', async () => {
    const { sender, sent } = senderWithBus();
    const body = { reason: 'The cost target is not met' };

    await expect(sender.send('serviceUnit', 'u-1', 'RejectReformPlan', body, context)).resolves.toEqual({
      id: 'u-1',
      version: 4,
    });

    expect(sent).toEqual([
      new ExecuteDomainCommand(
        'serviceUnit',
        'u-1',
        { type: 'RejectReformPlan', data: body, actor: 'wang.approver', at: context.at },
        context,
      ),
    ]);
    expect((sent[0] as ExecuteDomainCommand).command.data).not.toBe(body); // a copy: the request's DTO is not handed on
  });

  /**
   * Never run: `tsc` (npm run typecheck) proves each call below does not compile. A command of
   * another aggregate, data of another shape, and the commands that have a use case of their own
   * (they check another aggregate or claim a code first) are all refused.
   */
  function refusedAtCompileTime(sender: CommandSender): void {
    // @ts-expect-error not a service-unit command
    void sender.send('serviceUnit', 'u-1', 'ActivateContract', { contractId: 'c-1' }, context);
    // @ts-expect-error no such command
    void sender.send('provider', 'p-1', 'ApprovePlan', {}, context);
    // @ts-expect-error a rejection carries a reason, not a note
    void sender.send('serviceUnit', 'u-1', 'RejectReformPlan', { note: 'no' }, context);
    // @ts-expect-error approval carries no data
    void sender.send('serviceUnit', 'u-1', 'ApproveReformPlan', { reason: 'fine' }, context);
    // @ts-expect-error a suspension needs its last day
    void sender.send('provider', 'p-1', 'SuspendProvider', { reason: 'late deliveries' }, context);
    void sender.send(
      'serviceUnit',
      'u-1',
      // @ts-expect-error awards go through RecordAwardCommand (provider eligibility)
      'RecordAward',
      { procurementId: 'o', awardId: 'a', providerId: 'p', contractValue: { amountMinor: 1, currency: 'CNY' } },
      context,
    );
    // @ts-expect-error signing goes through SignContractCommand (provider eligibility)
    void sender.send('contract', 'c-1', 'SignContract', { contractId: 'c-1', providerEligible: true }, context);
    void sender.send(
      'provider',
      'p-1',
      // @ts-expect-error registration goes through RegisterProviderCommand (credit code claim)
      'RegisterProvider',
      { providerId: 'p-1', name: 'n', creditCode: 'c', serviceCategories: [], contact: {} },
      context,
    );
  }
  void refusedAtCompileTime;
});
