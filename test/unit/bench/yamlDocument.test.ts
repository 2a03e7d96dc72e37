import { describe, it, expect } from 'vitest';
import { scanYaml } from '../../../src/lib/bench/yamlDocument';
import { field, isContainer, scalarText } from '../../../src/lib/bench/tolerantJson';

describe('reading YAML into the JSON tree', () => {
  it('keeps every scalar as printed and each mapping with its line', () => {
    const scan = scanYaml(
      ['status:', '  items:', '  - id: 5.10', '    ok: true', '  - id: "2.1"', '    n: 007'].join(
        '\n'
      )
    );
    expect(scan.problems).toEqual([]);
    const root = scan.root.entries[0]?.value;
    if (!isContainer(root)) throw new Error('no document');
    const status = field(root, 'status');
    const items = isContainer(status) ? field(status, 'items') : undefined;
    if (!isContainer(items)) throw new Error('no items');
    const [first, second] = items.entries.map((e) => e.value);
    if (!isContainer(first) || !isContainer(second)) throw new Error('no entries');
    expect(scalarText(field(first, 'id'))).toBe('5.10');
    expect(scalarText(field(first, 'ok'))).toBe('true');
    expect(scalarText(field(second, 'n'))).toBe('007');
    expect([first.line, second.line]).toEqual([3, 5]);
  });

  it('joins long strings folded over several lines', () => {
    const scan = scanYaml(
      'name: Ensure that the API server pod specification file permissions are set\n  to 600 or more restrictive\n'
    );
    const root = scan.root.entries[0]?.value;
    if (!isContainer(root)) throw new Error('no document');
    expect(scalarText(field(root, 'name'))).toBe(
      'Ensure that the API server pod specification file permissions are set to 600 or more restrictive'
    );
  });

  it('keeps what comes before an error and says where the error is', () => {
    const scan = scanYaml('a: 1\nb:\n  c: 2\n d: 3\n');
    expect(scan.problems[0]?.line).toBe(4);
    const root = scan.root.entries[0]?.value;
    if (!isContainer(root)) throw new Error('no document');
    expect(root.entries.map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('does not follow aliases, which could expand into billions of nodes', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`
      );
    const scan = scanYaml(levels.join('\n'));
    expect(scan.problems[0]?.message).toMatch(/80 YAML aliases were not followed/);
    const root = scan.root.entries[0]?.value;
    if (!isContainer(root)) throw new Error('no document');
    const a8 = field(root, 'a8');
    expect(isContainer(a8) && a8.entries.map((e) => e.value.kind)).toEqual(
      Array(10).fill('literal')
    );
  });

  it('reads several documents and nothing from an empty one', () => {
    expect(scanYaml('a: 1\n---\nb: 2\n').root.entries).toHaveLength(2);
    expect(scanYaml('').root.entries).toHaveLength(0);
  });
});
