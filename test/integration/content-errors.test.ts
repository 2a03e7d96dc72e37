import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Copies the project's sources to a scratch folder, breaks one threat, and runs the content sync the build runs.
const root = process.cwd();
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'stride-content-'));
  for (const entry of [
    'package.json',
    'astro.config.mjs',
    'tsconfig.json',
    'src',
    'content',
    'public',
  ]) {
    cpSync(join(root, entry), join(work, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function firstThreatFile(): string {
  const dir = join(work, 'content/threats/docker');
  return join(
    dir,
    readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .sort()[0]!
  );
}

function syncWith(edit: (frontmatter: string) => string): { code: number | null; output: string } {
  const file = firstThreatFile();
  const original = readFileSync(file, 'utf8');
  const [, fm, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(original)!;
  writeFileSync(file, `---\n${edit(fm!)}\n---\n${body}`);
  try {
    const r = spawnSync('npx', ['astro', 'sync'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    writeFileSync(file, original);
  }
}

describe('bad content fails the build naming the file and the field', () => {
  it('an unknown component', () => {
    const { code, output } = syncWith((fm) =>
      fm.replace(/^components: \[/m, 'components: [no-such-component, ')
    );
    expect(code).not.toBe(0);
    expect(output).toContain(firstThreatFile().split('/').pop());
    expect(output).toMatch(/components\.0: unknown component "no-such-component" for docker/);
  }, 60_000);

  it('an unknown STRIDE category', () => {
    const { code, output } = syncWith((fm) =>
      fm.replace(/^stride: .*$/m, 'stride: lateral-movement')
    );
    expect(code).not.toBe(0);
    expect(output).toContain(firstThreatFile().split('/').pop());
    expect(output).toMatch(/stride\**:? .*Invalid enum value/);
  }, 60_000);
});
