import { canonicalJson, type AppendResult, type AppendTransactionWork, type SqlExecutor } from '@spinout/event-store';
import { idInStream, STREAM_CATEGORIES, type AggregateName } from '@spinout/domain';
import type { Response } from 'express';
import { versionEtag } from '../http/etag';
import type { HeldClaim, IdempotencyStore, StoredResponse } from './idempotency.store';

/** The request's claim was taken over by a retry after its lease ended: its append must not commit. */
export class ClaimTakenOverError extends Error {
  constructor() {
    super('The Idempotency-Key was taken over by a retry while this request ran');
    this.name = 'ClaimTakenOverError';
  }
}

/**
 * The outcome of one claimed command request, written in the transaction of the command's
 * append: if the events commit, so does the response a retry will get, and if the claim was
 * taken over meanwhile the append rolls back. A command answers with its `CommandOutcome`
 * (`{ id, version }`, the version as ETag, the route's status and any Location set before it
 * acted, which `CommandOutcomeInterceptor` does for a creation), so that response is known once
 * the append has its version. What the controller finally returns is compared with it
 * afterwards, and stored instead if it differs; a command that appended nothing has its outcome
 * stored then.
 */
export class RequestOutcome implements AppendTransactionWork {
  private open = true;
  private candidate?: StoredResponse;
  /** The response stored with the events, once their transaction committed. */
  private stored?: StoredResponse;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly claim: HeldClaim,
    /** The response the controller is building: its status, and a Location set before the command ran. */
    private readonly http: Pick<Response, 'statusCode' | 'getHeader'>,
  ) {}

  /** Only the first append of the request, and only while the request runs. */
  get pending(): boolean {
    return this.open && this.stored === undefined;
  }

  get storedWithEvents(): boolean {
    return this.stored !== undefined;
  }

  async run(tx: SqlExecutor, appended: { streamId: string; result: AppendResult }): Promise<void> {
    const version = appended.result.nextExpectedVersion;
    const response: StoredResponse = {
      statusCode: this.http.statusCode,
      body: { id: aggregateIdOf(appended.streamId), version },
      etag: versionEtag(version),
      location: this.http.getHeader('location')?.toString(),
    };
    if (!(await this.store.complete(this.claim, response, new Date(), tx))) throw new ClaimTakenOverError();
    this.candidate = response;
  }

  committed(): void {
    this.stored = this.candidate;
  }

  /** The request is over: later appends in its async context are not its own. */
  close(): void {
    this.open = false;
  }

  /** Stores the response as sent, unless exactly that is already stored with the events. */
  async settle(body: unknown): Promise<void> {
    const header = (name: string) => this.http.getHeader(name)?.toString();
    const actual: StoredResponse = {
      statusCode: this.http.statusCode,
      body,
      etag: header('etag'),
      location: header('location'),
    };
    if (this.stored && sameResponse(this.stored, actual)) return;
    await this.store.complete(this.claim, actual, new Date());
  }
}

function sameResponse(a: StoredResponse, b: StoredResponse): boolean {
  return (
    a.statusCode === b.statusCode &&
    a.etag === b.etag &&
    a.location === b.location &&
    canonicalJson(a.body ?? null) === canonicalJson(b.body ?? null)
  );
}

/** `serviceUnit-<id>` → `<id>` (ids of the API's aggregates; any other stream id as it is). */
function aggregateIdOf(streamId: string): string {
  for (const name of Object.keys(STREAM_CATEGORIES) as AggregateName[]) {
    const id = idInStream(name, streamId);
    if (id !== undefined) return id;
  }
  return streamId;
}
