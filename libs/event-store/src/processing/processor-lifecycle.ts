import type { ProcessorStatus } from './processor.port';

/** What `status()` reports: 'active' holds the lease and works, 'standby' waits for it, 'stopped' runs nothing. */
export type ReportedState = ProcessorStatus['state'];

/**
 * What a runner is doing, as one value. It changes only through `evolveLifecycle`:
 *
 *     stopped ─start─▶ standby ⇄ active ─stop─▶ stopping ─loop ended, lease released─▶ stopped
 *                                              (or standby, when start() was called meanwhile)
 *        │                 └───────rebuild───────▶ rebuilding: pausing ─loop ended─▶ acquiring
 *        └──────────────────rebuild──────────────▶ rebuilding: acquiring ─lease─▶ replaying
 *     rebuilding ─ended─▶ active or standby (the loop resumes), or stopped
 *
 * `stopping` and `rebuilding` carry `shown`, the state `status()` reports meanwhile: the one the
 * runner was in, until the lease is taken or lost.
 */
export type RunnerLifecycle =
  /** Nothing runs, and the lease was released. */
  | { readonly status: 'stopped' }
  /**
   * The live loop runs but does not work yet: it takes the lease and loads the checkpoint under
   * it before its next batch. It waits while another instance holds the lease or a rebuild has
   * asked for the processor.
   */
  | { readonly status: 'standby' }
  /** The live loop holds the lease and commits batches from the checkpoint it loaded under it. */
  | { readonly status: 'active' }
  /** `stop()` waits for the loop to finish its batch; `restart` when `start()` was called meanwhile. */
  | { readonly status: 'stopping'; readonly shown: ReportedState; readonly restart: boolean }
  /**
   * A rebuild runs in place of the loop: it waits for the loop to finish its batch (`pausing`),
   * takes the lease (`acquiring`), then resets the processor and replays the log (`replaying`).
   * `resume` when the loop runs again afterwards; `stopRequested` when `stop()` was called
   * meanwhile, which ends the rebuild's waits.
   */
  | {
      readonly status: 'rebuilding';
      readonly step: 'pausing' | 'acquiring' | 'replaying';
      readonly shown: ReportedState;
      readonly resume: boolean;
      readonly stopRequested: boolean;
    };

/** What moves the lifecycle: the runner's public calls, the live loop, the lease and the rebuild. */
export type RunnerLifecycleEvent =
  /** `start()` was called. */
  | { readonly type: 'StartRequested' }
  /** `stop()` was called. */
  | { readonly type: 'StopRequested' }
  /** `rebuild()` was called, and no rebuild is under way. */
  | { readonly type: 'RebuildRequested' }
  /** The loop took the lease and loaded the checkpoint. */
  | { readonly type: 'LoopActivated' }
  /** The loop is without the lease (taken elsewhere, handed over) or must load the checkpoint again. */
  | { readonly type: 'LoopStoodBy' }
  /** The loop returned, as `stopping` or `rebuilding: pausing` asked it to. */
  | { readonly type: 'LoopEnded' }
  /** The lease was lost without being released. */
  | { readonly type: 'LeaseLost' }
  /** `stop()` released the lease after the loop ended. */
  | { readonly type: 'StopCompleted' }
  /** The rebuild holds the lease. */
  | { readonly type: 'RebuildLeaseTaken' }
  /** The rebuild returned or failed; `checkpointLoaded` when it replayed the log and still holds the lease. */
  | { readonly type: 'RebuildEnded'; readonly checkpointLoaded: boolean };

export const INITIAL_LIFECYCLE: RunnerLifecycle = { status: 'stopped' };

type Running = Extract<RunnerLifecycle, { status: 'standby' | 'active' }>;
type Rebuilding = Extract<RunnerLifecycle, { status: 'rebuilding' }>;

const rebuilding = (step: Rebuilding['step'], shown: ReportedState, resume: boolean): Rebuilding => ({
  status: 'rebuilding',
  step,
  shown,
  resume,
  stopRequested: false,
});

/** The lifecycle after `event`. An event that means nothing in the current state leaves it as it is. */
export function evolveLifecycle(state: RunnerLifecycle, event: RunnerLifecycleEvent): RunnerLifecycle {
  switch (event.type) {
    case 'StartRequested':
      if (state.status === 'stopped') return { status: 'standby' };
      if (state.status === 'stopping') return { ...state, restart: true };
      if (state.status === 'rebuilding') return { ...state, resume: true };
      return state;
    case 'StopRequested':
      if (loopRuns(state)) return { status: 'stopping', shown: state.status, restart: false };
      if (state.status === 'stopping') return { ...state, restart: false };
      if (state.status === 'rebuilding') return { ...state, shown: 'stopped', resume: false, stopRequested: true };
      return state;
    case 'RebuildRequested':
      if (state.status === 'stopped') return rebuilding('acquiring', 'stopped', false);
      if (loopRuns(state)) return rebuilding('pausing', state.status, true);
      if (state.status === 'stopping') return rebuilding('pausing', state.shown, state.restart);
      return state;
    case 'LoopActivated':
    case 'LoopStoodBy': {
      const now = event.type === 'LoopActivated' ? 'active' : 'standby';
      if (loopRuns(state)) return { status: now };
      const winding = state.status === 'stopping' || (state.status === 'rebuilding' && state.step === 'pausing');
      return winding ? { ...state, shown: now } : state;
    }
    case 'LoopEnded':
      return state.status === 'rebuilding' && state.step === 'pausing' ? { ...state, step: 'acquiring' } : state;
    case 'LeaseLost':
      if (state.status === 'active') return { status: 'standby' };
      if (state.status === 'stopping' && state.shown === 'active') {
        return { ...state, shown: state.restart ? 'standby' : 'stopped' };
      }
      if (state.status === 'rebuilding' && state.shown === 'active') {
        return { ...state, shown: state.resume ? 'standby' : 'stopped' };
      }
      return state;
    case 'StopCompleted':
      if (state.status !== 'stopping') return state;
      return state.restart ? { status: 'standby' } : { status: 'stopped' };
    case 'RebuildLeaseTaken':
      if (state.status !== 'rebuilding' || state.step !== 'acquiring') return state;
      return { ...state, step: 'replaying', shown: state.stopRequested ? 'stopped' : 'active' };
    case 'RebuildEnded':
      if (state.status !== 'rebuilding') return state;
      if (!state.resume) return { status: 'stopped' };
      return event.checkpointLoaded ? { status: 'active' } : { status: 'standby' };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown lifecycle event ${JSON.stringify(unknown)}`);
    }
  }
}

export function reportedState(state: RunnerLifecycle): ReportedState {
  return state.status === 'stopping' || state.status === 'rebuilding' ? state.shown : state.status;
}

/** The live loop goes on while this holds; otherwise it returns after its current batch. */
export function loopRuns(state: RunnerLifecycle): state is Running {
  return state.status === 'standby' || state.status === 'active';
}

/** Waits end at once and a failing batch is not tried again: the loop or the rebuild is to give way. */
export function stopRequested(state: RunnerLifecycle): boolean {
  switch (state.status) {
    case 'standby':
    case 'active':
      return false;
    case 'rebuilding':
      return state.step === 'pausing' || state.stopRequested;
    case 'stopping':
    case 'stopped':
      return true;
  }
}

/** A runner's one lifecycle value, shared by its live loop and its rebuild. */
export class Lifecycle {
  private state: RunnerLifecycle = INITIAL_LIFECYCLE;

  get current(): RunnerLifecycle {
    return this.state;
  }

  is(status: RunnerLifecycle['status']): boolean {
    return this.state.status === status;
  }

  apply(event: RunnerLifecycleEvent): RunnerLifecycle {
    this.state = evolveLifecycle(this.state, event);
    return this.state;
  }

  get reported(): ReportedState {
    return reportedState(this.state);
  }

  get loopRuns(): boolean {
    return loopRuns(this.state);
  }

  get stopRequested(): boolean {
    return stopRequested(this.state);
  }
}
