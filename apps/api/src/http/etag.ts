import { BadRequestException } from '@nestjs/common';

/** The stream version as a strong ETag: `"7"`. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** Reads the expected stream version from an If-Match header (`"7"`, `W/"7"` or `7`); undefined when absent. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '' || header === '*') return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match)
    throw new BadRequestException({
      message: `If-Match must be a stream version ETag such as "3", got ${value}`,
      code: 'invalid_if_match',
    });
  return Number(match[1]);
}
