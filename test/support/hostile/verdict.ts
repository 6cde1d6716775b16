import type { HostileRequest } from './barrage';
import type { Answer } from './send';

/** A request whose answer broke the contract: what was sent, what came back, and why it is wrong. */
export interface Failure {
  operation: string;
  mutation: string;
  status: number;
  /** Why the answer is wrong, with the server's logged cause for a 5xx when there is one. */
  fault: string;
  excerpt: string;
}

/**
 * The contract every answer to a broken request must keep: never a 5xx (nor no answer at all),
 * and every 4xx an RFC 9457 problem: `application/problem+json` with `type`, `title`, `detail`
 * and a `status` equal to the HTTP status.
 */
export function faultOf(answer: Answer): string | undefined {
  if (answer.error !== undefined) return `no answer: ${answer.error}`;
  if (answer.status >= 500) return `status ${answer.status}`;
  if (answer.status < 400) return undefined;
  const status = answer.status;
  if (!answer.contentType.startsWith('application/problem+json'))
    return `${status} with content-type ${answer.contentType || 'none'}`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return `${status} problem whose body is not JSON`;
  }
  const missing = ['type', 'title', 'detail'].filter((member) => typeof problem[member] !== 'string');
  if (missing.length > 0) return `${status} problem without ${missing.join(', ')}`;
  if (problem.status !== status) return `${status} problem whose status member is ${JSON.stringify(problem.status)}`;
  return undefined;
}

export function failuresOf(
  requests: HostileRequest[],
  answers: Answer[],
  causeOf: (index: number) => string | undefined,
): Failure[] {
  return requests.flatMap((request, index) => {
    const answer = answers[index];
    const fault = faultOf(answer);
    if (fault === undefined) return [];
    const cause = answer.status >= 500 ? causeOf(index) : undefined;
    return [
      {
        operation: request.operation,
        mutation: request.mutation,
        status: answer.status,
        fault: cause ? `${fault}: ${cause}` : fault,
        excerpt: excerpt(answer.body),
      },
    ];
  });
}

/**
 * All failures in one message, grouped by fault (status and cause), then by operation, with the
 * mutations that caused each and one body excerpt per group.
 */
export function report(failures: Failure[], sent: number): string {
  const byFault = groupBy(failures, (f) => f.fault);
  const lines = [
    `${failures.length} of ${sent} broken requests were answered wrongly, ${byFault.size} distinct faults:`,
  ];
  for (const [fault, group] of [...byFault].sort((a, b) => b[1].length - a[1].length)) {
    lines.push('', `● ${fault} — ${group.length} requests; body: ${group[0].excerpt || '(empty)'}`);
    for (const [operation, members] of [...groupBy(group, (f) => f.operation)].sort()) {
      lines.push(`    ${operation}: ${[...new Set(members.map((m) => m.mutation))].join('; ')}`);
    }
  }
  return lines.join('\n');
}

function excerpt(body: string): string {
  return body.replace(/\s+/g, ' ').slice(0, 200);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
