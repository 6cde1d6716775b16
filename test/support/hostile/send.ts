import { Agent, request } from 'node:http';
import type { HostileRequest } from './barrage';

/** What came back: the status, content type and (the start of) the body, or why nothing did. */
export interface Answer {
  status: number;
  contentType: string;
  body: string;
  /** Set when no response arrived (connection reset, timeout). */
  error?: string;
}

const TIMEOUT_MS = 20_000;
const KEPT_BODY = 8 * 1024 * 1024;

/**
 * Sends the requests over real sockets (supertest would rewrite bodies and headers), a few at
 * a time, each tagged with `X-Hostile-Request: <index>` so server-side errors can be matched
 * to it. Answers come back in request order.
 */
export async function sendAll(port: number, requests: HostileRequest[], concurrency: number): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const answers: Answer[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      answers[index] = await send(agent, port, requests[index], index);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return answers;
}

function send(agent: Agent, port: number, hostile: HostileRequest, index: number): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer) => {
      if (!settled) resolve(answer);
      settled = true;
    };
    const length = hostile.body ? { 'content-length': String(hostile.body.length) } : {};
    const req = request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: hostile.method,
        path: hostile.path,
        headers: { ...hostile.headers, ...length, 'x-hostile-request': String(index) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < KEPT_BODY) chunks.push(chunk);
          kept += chunk.length;
        });
        res.on('end', () =>
          settle({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) =>
          settle({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: '',
            error: error.message,
          }),
        );
      },
    );
    req.setTimeout(TIMEOUT_MS, () => {
      settle({ status: 0, contentType: '', body: '', error: `no answer within ${TIMEOUT_MS / 1000} s` });
      req.destroy();
    });
    // The server may answer (413, 415) and close before it has read a large body: the answer counts, not the write error.
    req.on('error', (error: NodeJS.ErrnoException) =>
      setTimeout(() => settle({ status: 0, contentType: '', body: '', error: error.code ?? error.message }), 50),
    );
    req.end(hostile.body);
  });
}
