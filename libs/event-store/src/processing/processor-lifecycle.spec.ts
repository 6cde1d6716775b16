import {
  evolveLifecycle,
  INITIAL_LIFECYCLE,
  loopRuns,
  reportedState,
  stopRequested,
  type RunnerLifecycle,
  type RunnerLifecycleEvent,
} from './processor-lifecycle';

type PlainEvent = Exclude<RunnerLifecycleEvent, { type: 'RebuildEnded' }>;

const given = (...events: PlainEvent['type'][]): RunnerLifecycle =>
  events.reduce<RunnerLifecycle>((state, type) => evolveLifecycle(state, { type }), INITIAL_LIFECYCLE);

const ended = (checkpointLoaded: boolean): RunnerLifecycleEvent => ({ type: 'RebuildEnded', checkpointLoaded });

describe('runner lifecycle', () => {
  it('stands by when started, works once the loop takes the lease, and stands by again when the lease is lost', () => {
    expect(given('StartRequested')).toEqual({ status: 'standby' });
    expect(given('StartRequested', 'LoopActivated')).toEqual({ status: 'active' });
    expect(given('StartRequested', 'LoopActivated', 'StartRequested')).toEqual({ status: 'active' });
    expect(given('StartRequested', 'LoopActivated', 'LeaseLost')).toEqual({ status: 'standby' });
    expect(given('StartRequested', 'LoopActivated', 'LoopStoodBy')).toEqual({ status: 'standby' });
  });

  it('stops after the loop ended and the lease was released, showing what it was meanwhile', () => {
    const stopping = given('StartRequested', 'LoopActivated', 'StopRequested');
    expect(stopping).toEqual({ status: 'stopping', shown: 'active', restart: false });
    expect([loopRuns(stopping), stopRequested(stopping), reportedState(stopping)]).toEqual([false, true, 'active']);
    expect(evolveLifecycle(stopping, { type: 'LeaseLost' })).toMatchObject({ shown: 'stopped' });
    expect(evolveLifecycle(stopping, { type: 'StopCompleted' })).toEqual({ status: 'stopped' });
    expect(given('StopRequested')).toEqual({ status: 'stopped' });
  });

  it('runs again after a stop when start() came while it was stopping', () => {
    expect(given('StartRequested', 'StopRequested', 'StartRequested', 'LoopEnded', 'StopCompleted')).toEqual({
      status: 'standby',
    });
    expect(given('StartRequested', 'StopRequested', 'StartRequested', 'StopRequested', 'StopCompleted')).toEqual({
      status: 'stopped',
    });
  });

  it('rebuilds a stopped processor without starting its loop afterwards', () => {
    const acquiring = given('RebuildRequested');
    expect(acquiring).toEqual({
      status: 'rebuilding',
      step: 'acquiring',
      shown: 'stopped',
      resume: false,
      stopRequested: false,
    });
    expect(stopRequested(acquiring)).toBe(false);
    const replaying = evolveLifecycle(acquiring, { type: 'RebuildLeaseTaken' });
    expect(reportedState(replaying)).toBe('active');
    expect(evolveLifecycle(replaying, ended(true))).toEqual({ status: 'stopped' });
  });

  it('pauses a running loop for a rebuild and resumes it afterwards, reloading the checkpoint unless the replay ended under the lease', () => {
    const pausing = given('StartRequested', 'LoopActivated', 'RebuildRequested');
    expect(pausing).toEqual({
      status: 'rebuilding',
      step: 'pausing',
      shown: 'active',
      resume: true,
      stopRequested: false,
    });
    expect([loopRuns(pausing), stopRequested(pausing)]).toEqual([false, true]);
    const replaying = given('StartRequested', 'LoopActivated', 'RebuildRequested', 'LoopEnded', 'RebuildLeaseTaken');
    expect(replaying).toMatchObject({ step: 'replaying', shown: 'active' });
    expect(evolveLifecycle(replaying, ended(true))).toEqual({ status: 'active' });
    expect(evolveLifecycle(replaying, ended(false))).toEqual({ status: 'standby' });
    expect(reportedState(evolveLifecycle(replaying, { type: 'LeaseLost' }))).toBe('standby');
  });

  it('lets stop() during a rebuild end its waits and keep the loop from resuming, and start() afterwards bring it back', () => {
    const stopped = given('StartRequested', 'RebuildRequested', 'LoopEnded', 'RebuildLeaseTaken', 'StopRequested');
    expect(stopped).toMatchObject({ status: 'rebuilding', shown: 'stopped', resume: false, stopRequested: true });
    expect(stopRequested(stopped)).toBe(true);
    expect(evolveLifecycle(stopped, ended(false))).toEqual({ status: 'stopped' });
    expect(evolveLifecycle(evolveLifecycle(stopped, { type: 'StartRequested' }), ended(false))).toEqual({
      status: 'standby',
    });
  });

  it('hands a loop that is stopping over to a rebuild, which then leaves it stopped', () => {
    const taken = given('StartRequested', 'StopRequested', 'RebuildRequested');
    expect(taken).toEqual({
      status: 'rebuilding',
      step: 'pausing',
      shown: 'standby',
      resume: false,
      stopRequested: false,
    });
    expect(evolveLifecycle(taken, { type: 'StopCompleted' })).toBe(taken);
  });
});
