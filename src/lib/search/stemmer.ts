/**
 * English stop words and the Porter stemmer, for index terms. The index is built with these and the
 * browser stems query words with them, so both sides must agree exactly; they reproduce lunr's stop
 * word list and its Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980), which
 * the index used before, without shipping the rest of lunr to the browser.
 */

/** Words too common to search by. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a able about across after all almost also am among an and any are as at be because been but by ' +
    'can cannot could dear did do does either else ever every for from get got had has have he her ' +
    'hers him his how however i if in into is it its just least let like likely may me might most ' +
    'must my neither no nor not of off often on only or other our own rather said say says she ' +
    'should since so some than that the their them then there these they this tis to too twas us ' +
    'wants was we were what when where which while who whom why will with would yet you your'
  ).split(' ')
);

const STEP2: Readonly<Record<string, string>> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};
const STEP3: Readonly<Record<string, string>> = {
  icate: 'ic',
  ative: '',
  alize: 'al',
  iciti: 'ic',
  ical: 'ic',
  ful: '',
  ness: '',
};
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

/**
 * Whether the letter at `i` is a consonant: not a, e, i, o or u, and a y only after a vowel. A
 * word's first y was made upper-case, so it counts as a consonant too.
 */
function consonant(word: string, i: number): boolean {
  const ch = word.charAt(i);
  if ('aeiou'.includes(ch)) return false;
  if (ch !== 'y') return true;
  return i === 0 || !consonant(word, i - 1);
}

/** Porter's m: the number of vowel-consonant sequences in the form [C](VC)^m[V]. */
function measure(stem: string): number {
  let m = 0;
  for (let i = 1; i < stem.length; i++) if (consonant(stem, i) && !consonant(stem, i - 1)) m++;
  return m;
}

function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!consonant(stem, i)) return true;
  return false;
}

/** The whole stem is consonants, one vowel and a consonant other than w, x or y ("hop", "stop"). */
function shortSyllable(stem: string): boolean {
  const n = stem.length;
  if (n < 3 || !consonant(stem, 0) || 'aeiou'.includes(stem.charAt(0))) return false;
  const last = stem.charAt(n - 1);
  if ('aeiouwxy'.includes(last) || !'aeiouy'.includes(stem.charAt(n - 2))) return false;
  for (let i = 1; i < n - 2; i++) if ('aeiouy'.includes(stem.charAt(i))) return false;
  return true;
}

/** The longest of `suffixes` the word ends with, leaving at least one letter. */
function longestSuffix(word: string, suffixes: Iterable<string>): string | undefined {
  let found: string | undefined;
  for (const s of suffixes)
    if (word.length > s.length && word.endsWith(s) && s.length > (found?.length ?? 0)) found = s;
  return found;
}

function step1ab(w: string): string {
  if ((w.endsWith('sses') && w.length > 4) || (w.endsWith('ies') && w.length > 3))
    w = w.slice(0, -2);
  else if (w.length > 2 && w.endsWith('s') && w.charAt(w.length - 2) !== 's') w = w.slice(0, -1);

  if (w.length > 3 && w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    return w;
  }
  const ending = longestSuffix(w, ['ed', 'ing']);
  if (!ending) return w;
  const stem = w.slice(0, -ending.length);
  if (!hasVowel(stem)) return w;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  const last = stem.charAt(stem.length - 1);
  if (stem.length > 1 && last === stem.charAt(stem.length - 2) && !'aeiouylsz'.includes(last))
    return stem.slice(0, -1);
  return shortSyllable(stem) ? `${stem}e` : stem;
}

/** The stem of a lower-case English word; words shorter than three letters are kept as they are. */
export function stem(word: string): string {
  if (word.length < 3) return word;
  const upperY = word.charAt(0) === 'y';
  let w = upperY ? `Y${word.slice(1)}` : word;

  w = step1ab(w);
  // A final y after a consonant that is not the first letter becomes i (cry → cri, say and by stay).
  if (w.length > 2 && w.endsWith('y') && !'aeiou'.includes(w.charAt(w.length - 2)))
    w = `${w.slice(0, -1)}i`;

  const s2 = longestSuffix(w, Object.keys(STEP2));
  if (s2 && measure(w.slice(0, -s2.length)) > 0) w = w.slice(0, -s2.length) + STEP2[s2];
  const s3 = longestSuffix(w, Object.keys(STEP3));
  if (s3 && measure(w.slice(0, -s3.length)) > 0) w = w.slice(0, -s3.length) + STEP3[s3];

  const s4 = longestSuffix(w, STEP4);
  if (s4) {
    if (measure(w.slice(0, -s4.length)) > 1) w = w.slice(0, -s4.length);
  } else if (w.length > 4 && (w.endsWith('sion') || w.endsWith('tion'))) {
    if (measure(w.slice(0, -3)) > 1) w = w.slice(0, -3);
  }

  if (w.length > 1 && w.endsWith('e')) {
    const base = w.slice(0, -1);
    const m = measure(base);
    if (m > 1 || (m === 1 && !shortSyllable(base))) w = base;
  }
  if (w.endsWith('ll') && measure(w) > 1) w = w.slice(0, -1);

  return upperY ? `y${w.slice(1)}` : w;
}
