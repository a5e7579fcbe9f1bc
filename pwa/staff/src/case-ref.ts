/**
 * A short case reference for cards and headings: the last six characters of the case id (a ULID's
 * random part), e.g. `C-…7K2QDX`. The full id stays in links and in the case's own facts.
 */
export function shortRef(caseId: string): string {
  return caseId.length > 10 ? `C-…${caseId.slice(-6)}` : caseId;
}
