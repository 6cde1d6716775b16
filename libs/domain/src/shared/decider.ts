/**
 * The decider contract (`Decider`, `Message`, `Command`, `fold`) is defined in `@spinout/decider`,
 * which the event store shares without knowing the domain; the domain's users keep importing it
 * from here.
 */
export {
  assertNever,
  fold,
  type Command,
  type CommandBody,
  type CommandEnvelope,
  type DataOf,
  type Decider,
  type Message,
} from '@spinout/decider';
