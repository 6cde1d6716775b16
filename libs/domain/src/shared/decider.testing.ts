import type { Decider, Message } from './decider';
import { fold } from './decider';
import { DomainError, type DomainErrorKind } from './domain-error';

/**
 * Given/when/then for deciders, for use in Jest specs only (it calls `expect`):
 *
 *   given(serviceUnitDecider, [registered]).when(approve).then([approved]);
 *   given(serviceUnitDecider, [registered]).when(approve).thenThrows('plan_not_proposed');
 *
 * `then` returns the state after the new events, `thenThrows` the DomainError, so a spec can
 * go on to assert the resulting state or the error's message, kind and details. `thenThrows`
 * takes only codes of the decider's catalogue (its `errorCodes`).
 */
export function given<C, E extends Message, S, Code extends string>(
  decider: Decider<C, E, S, Code>,
  history: readonly E[] = [],
) {
  return {
    when(command: C) {
      const decide = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: readonly E[]): S {
          const events = decide();
          expect(events).toEqual(expected);
          return fold(decider, [...history, ...events]);
        },
        thenThrows(code: Code, kind?: DomainErrorKind): DomainError<Code> {
          let produced: E[] | undefined;
          try {
            produced = decide();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect({ code: error.code, ...(kind && { kind: error.kind }) }).toEqual({ code, ...(kind && { kind }) });
            return error as DomainError<Code>;
          }
          throw new Error(`Expected DomainError "${code}" but the command produced ${JSON.stringify(produced)}`);
        },
      };
    },
  };
}
