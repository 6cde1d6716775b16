/**
 * The runner's waits. An idle wait ends early on `wake()` (new events were appended); every
 * wait ends early on `interrupt()` (stop, lease lost). A wake that arrives while the runner is
 * busy is remembered, so the next idle wait returns at once and no append is missed.
 */
export class Sleeper {
  private pendingWake = false;
  private current: { timer: NodeJS.Timeout; wakeable: boolean; done: () => void } | null = null;

  /** Resolves after `ms`, or earlier as described above. */
  sleep(ms: number, { wakeable }: { wakeable: boolean }): Promise<void> {
    if (wakeable && this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.current?.done === done) this.current = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.current = { timer, wakeable, done };
    });
  }

  wake(): void {
    if (this.current?.wakeable) this.current.done();
    else this.pendingWake = true;
  }

  interrupt(): void {
    this.current?.done();
  }
}
