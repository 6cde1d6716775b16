import type { VerificationFinding } from '@spinout/event-store';

/** A verification's totals, as `npm run verify` prints them. */
export interface VerificationTotals {
  streamsChecked: number;
  eventsChecked: number;
  findings: VerificationFinding[];
}

/** The report for people: what was checked, then each finding with its stream, version, event and what is wrong. */
export function verificationText(totals: VerificationTotals, source: string): string {
  const { streamsChecked, eventsChecked, findings } = totals;
  const lines = [`Verified ${source}: ${count(eventsChecked, 'event')} in ${count(streamsChecked, 'stream')}.`];
  if (findings.length === 0) {
    lines.push('No findings: every event matches its hash and link, and every stream its recorded head.');
    return `${lines.join('\n')}\n`;
  }
  const broken = new Set(findings.map((finding) => finding.streamId)).size;
  lines.push(`${count(findings.length, 'finding')} in ${count(broken, 'stream')}:`);
  for (const finding of findings) {
    lines.push(
      `  ${finding.streamId}  version ${finding.streamVersion}  event ${finding.eventId}`,
      `    ${finding.kind}: ${finding.problem}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
