/**
 * Shorthand readers type, mapped to the words the content uses. Each alternative is a phrase whose
 * words must all match; a STRIDE category is spelled as its slug, which every threat carries.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  k8s: ['kubernetes'],
  kube: ['kubernetes'],
  privesc: ['elevation-of-privilege', 'elevation privilege', 'privilege escalation'],
  eop: ['elevation-of-privilege', 'elevation privilege'],
  dos: ['denial-of-service', 'denial service'],
  ddos: ['denial-of-service', 'denial service'],
  mitm: ['man-in-the-middle', 'adversary-in-the-middle', 'spoofing'],
  aitm: ['adversary-in-the-middle', 'man-in-the-middle', 'spoofing'],
  rbac: ['role-based access control'],
  psp: ['podsecuritypolicy', 'pod security'],
  pss: ['pod security standards', 'pod security'],
  psa: ['pod security admission'],
  sa: ['serviceaccount'],
  infodisclosure: ['information-disclosure'],
  leak: ['information-disclosure'],
};

/** The alternatives of a query word, each a list of words that must all match; the word itself comes first. */
export function alternativesFor(word: string): string[][] {
  const own = [word];
  const key = word.toLowerCase();
  // Own properties only: a reader typing "constructor" must not reach Object.prototype.
  const extra = Object.hasOwn(SYNONYMS, key) ? (SYNONYMS[key] ?? []) : [];
  return [own, ...extra.map((phrase) => phrase.split(' '))];
}
