import { describe, expect, test } from 'vitest';
import lunr from 'lunr';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stem, STOP_WORDS } from '../../../src/lib/search/stemmer';

const stemmer = lunr.stemmer;
const stopWordFilter = lunr.stopWordFilter as unknown as (
  token: lunr.Token
) => lunr.Token | undefined;

/** Every lower-case word of the site's content, the vocabulary the index is built from. */
function contentWords(): Set<string> {
  const words = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        for (const w of readFileSync(path, 'utf8')
          .toLowerCase()
          .match(/[a-z]+/g) ?? [])
          words.add(w);
    }
  };
  walk(join(import.meta.dirname, '../../../content'));
  return words;
}

describe('stemmer and stop words', () => {
  test('give the terms lunr gives on every word of the content', () => {
    const words = contentWords();
    expect(words.size).toBeGreaterThan(3000);
    const differ = [...words].filter((w) => stem(w) !== stemmer(new lunr.Token(w, {})).toString());
    expect(differ).toEqual([]);
    const stops = [...words].filter((w) => !stopWordFilter(new lunr.Token(w, {})));
    expect(new Set(stops)).toEqual(new Set([...words].filter((w) => STOP_WORDS.has(w))));
  });

  test('Porter steps on words that exercise them', () => {
    expect(
      [
        'caresses',
        'ponies',
        'cats',
        'agreed',
        'plastered',
        'motoring',
        'hopping',
        'filing',
        'happy',
        'say',
      ].map(stem)
    ).toEqual(['caress', 'poni', 'cat', 'agre', 'plaster', 'motor', 'hop', 'file', 'happi', 'say']);
    expect(
      ['relational', 'generalization', 'hopeful', 'adoption', 'controlling', 'yelling'].map(stem)
    ).toEqual(['relat', 'gener', 'hope', 'adopt', 'control', 'yell']);
    expect(stem('by')).toBe('by');
  });
});
