/**
 * Principals' subjects as the domain compares them. A subject arrives as typed into an identity
 * provider, so `LI.OFFICE`, `li.office ` and the full-width `ｌｉ.office` name the same person; a
 * segregation-of-duties rule that compared the raw strings would let that person approve their
 * own proposal. Events still record the subject as given: only comparisons normalise.
 */

/** NFKC (folds compatibility forms such as full-width letters), trimmed, lower-cased. */
export function normalisedSubject(subject: string): string {
  return subject.normalize('NFKC').trim().toLowerCase();
}

/** True when two subjects name the same principal. */
export function sameSubject(a: string, b: string): boolean {
  return normalisedSubject(a) === normalisedSubject(b);
}
