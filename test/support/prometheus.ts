import { getMetricsFromIterator, type PromHistogramData, type PromMetric, type PromSummaryData } from 'prom2javascript';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary']);

export type MetricFamilies = Record<string, PromMetric>;

/**
 * Reads a /metrics body with an independent parser of the Prometheus text format (not the
 * library that wrote it: it refuses malformed sample and label syntax and histograms whose +Inf
 * bucket is not their count) and lists what else is wrong: a sample without its family's TYPE
 * line, a family declared twice or without HELP, a bad name, histogram buckets that are not
 * cumulative, or a sample line of the text the parser did not account for.
 */
export async function readExposition(text: string): Promise<{ families: MetricFamilies; problems: string[] }> {
  let families: MetricFamilies;
  try {
    families = await getMetricsFromIterator(text.split('\n')[Symbol.iterator]());
  } catch (error) {
    return { families: {}, problems: [`not parseable: ${(error as Error).message}`] };
  }
  const problems: string[] = [];
  const declared = text
    .split('\n')
    .filter((line) => line.startsWith('# TYPE '))
    .map((line) => line.split(' ')[2]);
  for (const name of declared.filter((name, index) => declared.indexOf(name) !== index))
    problems.push(`${name}: family declared twice`);
  let samples = 0;
  for (const [name, family] of Object.entries(families)) {
    if (!NAME.test(name)) problems.push(`${name}: not a metric name`);
    if (!TYPES.has(family.type)) problems.push(`${name}: samples without their family's TYPE line`);
    if (family.help === '') problems.push(`${name}: no HELP`);
    for (const sample of family.data) {
      for (const label of Object.keys(sample.labels))
        if (!LABEL.test(label)) problems.push(`${name}: "${label}" is not a label name`);
      if (family.type === 'histogram') {
        const { buckets, sum } = sample as PromHistogramData;
        const bound = (le: string) => (le === '+Inf' ? Infinity : Number(le));
        const counts = Object.entries(buckets)
          .sort(([a], [b]) => bound(a) - bound(b))
          .map(([, count]) => count);
        if (counts.some((count, index) => index > 0 && count < counts[index - 1]))
          problems.push(`${name}: buckets are not cumulative`);
        samples += counts.length + 1 + (sum === undefined ? 0 : 1);
      } else if (family.type === 'summary') {
        const { quantiles, sum, count } = sample as PromSummaryData;
        samples += Object.keys(quantiles).length + (sum === undefined ? 0 : 1) + (count === undefined ? 0 : 1);
      } else {
        samples += 1;
      }
    }
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
  if (lines !== samples) problems.push(`${lines} sample lines in the text, ${samples} read by the parser`);
  return { families, problems };
}
