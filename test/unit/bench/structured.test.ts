import { describe, it, expect } from 'vitest';
import { obj, objects, readJson, readYaml, str } from '../../../src/lib/bench/structured';

describe('reading JSON with the line of every object', () => {
  const text = [
    '{',
    '  "ID": "k8s-cis-1.23",',
    '  "SummaryControls": [',
    '    {',
    '      "ID": "1.1.1",',
    '      "Name": "a { b [ c",',
    '      "TotalFail": 0',
    '    },',
    '    { "ID": "1.1.2", "Name": "d \\" e {" }',
    '  ]',
    '}',
  ].join('\n');

  it('pairs each object with the line it starts on, braces inside strings aside', () => {
    const doc = readJson(text);
    expect(doc.whole).toBe(true);
    const [first, second] = objects(obj(doc.root)?.SummaryControls);
    expect(first && doc.lineOf(first)).toBe(4);
    expect(second && doc.lineOf(second)).toBe(9);
    expect(str(second, 'Name')).toBe('d " e {');
  });

  it('keeps lines right when keys that objects reorder are present', () => {
    const doc = readJson('{\n"b": {\n"x": 1},\n"7": {\n"y": 2}\n}');
    const root = obj(doc.root);
    expect(root && doc.lineOf(obj(root.b) as object)).toBe(2);
    expect(root && doc.lineOf(obj(root['7']) as object)).toBe(4);
  });

  it('reads on past an error, keeping what it could and where it broke', () => {
    const doc = readJson(text.slice(0, text.indexOf('"TotalFail"')));
    expect(doc.whole).toBe(false);
    expect(doc.problemCount).toBeGreaterThan(0);
    const [first] = objects(obj(doc.root)?.SummaryControls);
    expect(str(first, 'ID')).toBe('1.1.1');
    expect(first && doc.lineOf(first)).toBe(4);
  });

  it('keeps a key named __proto__ a key', () => {
    const doc = readJson('{"__proto__": {"polluted": true}, "a": [1,}');
    const root = obj(doc.root);
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.keys(root ?? {})).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('reading YAML', () => {
  it('keeps every scalar as printed and each mapping with its line', () => {
    const doc = readYaml(
      ['status:', '  items:', '  - id: 5.10', '    ok: true', '  - id: "2.1"', '    n: 007'].join(
        '\n'
      )
    );
    expect(doc.whole).toBe(true);
    const [first, second] = objects(obj(obj(doc.root)?.status)?.items);
    expect(str(first, 'id')).toBe('5.10');
    expect(str(first, 'ok')).toBe('true');
    expect(str(second, 'n')).toBe('007');
    expect([first && doc.lineOf(first), second && doc.lineOf(second)]).toEqual([3, 5]);
  });

  it('joins long strings folded over several lines', () => {
    const doc = readYaml(
      'name: Ensure that the API server pod specification file permissions are set\n  to 600 or more restrictive\n'
    );
    expect(str(obj(doc.root), 'name')).toBe(
      'Ensure that the API server pod specification file permissions are set to 600 or more restrictive'
    );
  });

  it('keeps what comes before an error and says where the error is', () => {
    const doc = readYaml('a: 1\nb:\n  c: 2\n d: 3\n');
    expect(doc.whole).toBe(false);
    expect(doc.problems[0]?.line).toBe(4);
    expect(Object.keys(obj(doc.root) ?? {})).toEqual(['a', 'b']);
  });

  it('does not follow aliases, which could expand into billions of nodes', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`
      );
    const doc = readYaml(levels.join('\n'));
    expect(doc.problems[0]?.message).toMatch(/80 YAML aliases were not followed/);
    expect(obj(doc.root)?.a8).toEqual(Array(10).fill(null));
  });

  it('reads the first of several documents, and nothing from an empty one', () => {
    expect(obj(readYaml('a: 1\n---\nb: 2\n').root)).toEqual({ a: '1' });
    expect(readYaml('').root).toBeUndefined();
  });
});
