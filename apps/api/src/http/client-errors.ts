import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details';

/** Node's parser errors that a client caused, with the status each deserves. */
const PARSER_STATUS: Record<string, { status: number; reason: string; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'request_header_fields_too_large',
    detail: 'The request headers are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    detail: 'The request was not received in time',
  },
};
const MALFORMED = {
  status: 400,
  reason: 'Bad Request',
  code: 'malformed_request',
  detail: 'The request is not valid HTTP',
};

/**
 * Requests Node's HTTP parser refuses never reach the application; by default Node answers
 * them with a bare status line. Answer them as problem+json like every other refusal.
 */
export function answerUnreadableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const answer = PARSER_STATUS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({
      type: problemType(answer.code),
      title: answer.reason,
      status: answer.status,
      detail: answer.detail,
      code: answer.code,
    });
    socket.end(
      `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
