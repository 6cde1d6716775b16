import type { Decider } from './decider';
import { fold } from './decider';
import { DomainError, DomainErrorKind } from './domain-error';

/**
 * Given/when/then for deciders, for use in Jest specs only (it calls `expect`):
 *
 *   given(serviceUnitDecider, [registered]).when(approve).then([approved]);
 *   given(serviceUnitDecider, [registered]).when(approve).thenThrows('plan_not_proposed');
 *
 * `then` returns the state after the new events, `thenThrows` the DomainError, so a spec can
 * go on to assert the resulting state or the error's message, kind and details.
 */
export function given<C, E, S>(decider: Decider<C, E, S>, history: readonly E[] = []) {
  return {
    when(command: C) {
      const decide = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: readonly E[]): S {
          const events = decide();
          expect(events).toEqual(expected);
          return fold(decider, [...history, ...events]);
        },
        thenThrows(code: string, kind?: DomainErrorKind): DomainError {
          let produced: E[] | undefined;
          try {
            produced = decide();
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            expect({ code: error.code, ...(kind && { kind: error.kind }) }).toEqual({ code, ...(kind && { kind }) });
            return error;
          }
          throw new Error(`Expected DomainError "${code}" but the command produced ${JSON.stringify(produced)}`);
        },
      };
    },
  };
}
