import { describe, expect, test } from 'vitest';
import {
  indexTerms,
  normaliseTerm,
  splitWords,
  wordParts,
  wordTerms,
} from '../../../src/lib/search/tokenizer';
import { alternativesFor, SYNONYMS } from '../../../src/lib/search/synonyms';
import {
  headingSlug,
  markdownSections,
  markdownToText,
  truncate,
} from '../../../src/lib/search/text';
import {
  excerptSegments,
  fragmentId,
  markRanges,
  termPattern,
} from '../../../src/lib/search/excerpt';

describe('splitWords', () => {
  test('keeps ids, flags, capabilities, socket paths and ports whole', () => {
    const words = splitWords(
      'Check 5.10, drop CAP_NET_RAW, set --icc=false and no-new-privileges; never mount /var/run/docker.sock (10250/tcp).'
    ).map((w) => w.word);
    expect(words).toEqual(
      expect.arrayContaining([
        '5.10',
        'CAP_NET_RAW',
        '--icc',
        'false',
        'no-new-privileges',
        'docker.sock',
        '10250',
        'tcp',
      ])
    );
  });

  test('drops punctuation at word edges but keeps a flag dash, and reports offsets into the text', () => {
    const text = 'See 5.10. Then -p and ..x_';
    const words = splitWords(text);
    expect(words.map((w) => w.word)).toEqual(['See', '5.10', 'Then', '-p', 'and', 'x']);
    for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.word);
  });

  test('drops emoji and symbols', () => {
    expect(splitWords('🐳 :+~^* "docker"').map((w) => w.word)).toEqual(['docker']);
  });
});

describe('wordTerms', () => {
  test.each([
    ['5.10', ['5.10']],
    ['K8S-I-01', ['k8s-i-01', 'k8s']],
    ['--icc', ['--icc', 'icc']],
    ['CAP_NET_RAW', ['cap_net_raw', 'cap', 'net', 'raw', 'cap_net', 'net_raw']],
    ['docker.sock', ['docker.sock', 'docker', 'sock']],
    ['10250', ['10250']],
  ])('%s is indexed whole and by its parts', (word, terms) => {
    expect(wordTerms(word)).toEqual(terms);
  });

  test('no-new-privileges keeps the whole; its stop-word part goes and its plain parts are stemmed', () => {
    const terms = wordTerms('no-new-privileges');
    expect(terms[0]).toBe('no-new-privileges');
    expect(terms).toContain('privileg');
    expect(terms).toContain('new-privileges');
    expect(terms).not.toContain('no');
  });

  test('plain words are stemmed and stop words dropped; ids and numbers never are', () => {
    expect(normaliseTerm('Privileges')).toBe('privileg');
    expect(normaliseTerm('the')).toBeUndefined();
    expect(normaliseTerm('no')).toBeUndefined();
    expect(normaliseTerm('CAP_SYS_ADMIN')).toBe('cap_sys_admin');
    expect(normaliseTerm('2.2.a')).toBe('2.2.a');
    expect(normaliseTerm('x')).toBeUndefined();
    expect(normaliseTerm('a'.repeat(100))).toBeUndefined();
  });

  test('numeric parts of ids are not indexed alone, and dotted check numbers are not split', () => {
    expect(wordTerms('CVE-2020-13401')).toEqual(['cve-2020-13401', 'cve']);
    expect(wordTerms('1.1.12')).toEqual(['1.1.12']);
    expect(wordParts('1.1.12')).toEqual([]);
    expect(wordParts('--cap-drop')).toEqual(['cap', 'drop']);
  });

  test('indexTerms keeps repeats so term frequency counts', () => {
    expect(indexTerms('etcd and etcd')).toEqual(['etcd', 'etcd']);
  });
});

describe('synonyms', () => {
  test('the word itself comes first, then each alternative phrase as words', () => {
    expect(alternativesFor('k8s')).toEqual([['k8s'], ['kubernetes']]);
    expect(alternativesFor('privesc')).toEqual([
      ['privesc'],
      ['elevation-of-privilege'],
      ['elevation', 'privilege'],
      ['privilege', 'escalation'],
    ]);
    expect(alternativesFor('DoS')).toEqual([['DoS'], ['denial-of-service'], ['denial', 'service']]);
    expect(alternativesFor('constructor')).toEqual([['constructor']]);
    expect(alternativesFor('etcd')).toEqual([['etcd']]);
  });

  test('every shorthand the site promises is there', () => {
    for (const word of ['k8s', 'privesc', 'dos', 'mitm', 'rbac', 'psp', 'pss'])
      expect(SYNONYMS[word]).toBeDefined();
  });

  test('every alternative is a word the tokenizer keeps', () => {
    for (const phrases of Object.values(SYNONYMS)) {
      for (const phrase of phrases)
        for (const w of phrase.split(' ')) expect(normaliseTerm(w)).toBeDefined();
    }
  });
});

describe('text', () => {
  test('Markdown to text keeps link text and inner underscores, drops citations and markup', () => {
    expect(
      markdownToText(
        'Drop `CAP_NET_RAW` **now** [[2]](#ref-2), see [the docs](https://x.example/) and _this_.'
      )
    ).toBe('Drop CAP_NET_RAW now , see the docs and this.');
  });

  test('Markdown sections carry the anchors Astro gives their headings', () => {
    const sections = markdownSections(
      'intro\n\n## Attack scenario\n\n1. One `step`.\n\n## What the brief got wrong\n\nText.'
    );
    expect(sections).toEqual([
      { id: 'attack-scenario', heading: 'Attack scenario', text: 'One step.' },
      { id: 'what-the-brief-got-wrong', heading: 'What the brief got wrong', text: 'Text.' },
    ]);
    expect(headingSlug('Impact & scope: CAP_NET_RAW')).toBe('impact--scope-cap_net_raw');
  });

  test('Markdown to text drops JSX components and keeps unclosed brackets as text', () => {
    expect(markdownToText('Before <StrideTable /> after, a <b>bold</b> word.')).toBe(
      'Before after, a bold word.'
    );
    expect(markdownToText('a < b and [x] (y) <c>')).toBe('a < b and [x] (y)');
  });

  test('truncate cuts at a word boundary with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('one two three four', 14)).toBe('one two three…');
  });
});

describe('excerpt marking', () => {
  test('marks whole words starting with a term, case-insensitively, including dotted and flag words', () => {
    const text = 'Privileged containers, docker.sock, --icc and 5.10 (not 15.10).';
    const marked = markRanges(text, ['privileg', 'docker', '--icc', '5.10']).map(([a, b]) =>
      text.slice(a, b)
    );
    expect(marked).toEqual(['Privileged', 'docker.sock', '--icc', '5.10']);
  });

  test('terms full of regex syntax are escaped, and no terms means no pattern', () => {
    expect(() => termPattern(['(((', '[a-', '\\', '*+?', '$^', 'a|b', '/x/'])).not.toThrow();
    expect(markRanges('a ((( b', ['((('])).toEqual([[2, 5]]);
    expect(termPattern([])).toBeUndefined();
    expect(termPattern(['x'])).toBeUndefined();
  });

  test('the excerpt is a window around the first match, with ellipses where cut', () => {
    const text = `${'lorem '.repeat(40)}the kubelet serves 10250 ${'ipsum '.repeat(40)}`;
    const segments = excerptSegments(text, ['kubelet', '10250'], 80);
    expect(segments[0]).toEqual({ text: '…', mark: false });
    expect(segments.at(-1)).toEqual({ text: '…', mark: false });
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['kubelet', '10250']);
    expect(segments.map((s) => s.text).join('').length).toBeLessThanOrEqual(84);
    expect(excerptSegments('no match here', ['zzz'])).toEqual([
      { text: 'no match here', mark: false },
    ]);
  });
});

describe('fragmentId', () => {
  test('decodes a percent-encoded fragment and keeps a malformed one as typed', () => {
    expect(fragmentId('#component-etcd')).toBe('component-etcd');
    expect(fragmentId('#caf%C3%A9')).toBe('café');
    expect(fragmentId('#%E0%A4%A')).toBe('%E0%A4%A');
    expect(fragmentId('%')).toBe('%');
  });
});
