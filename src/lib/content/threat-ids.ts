import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;
const ID_LINE = /^id:\s*['"]?([A-Za-z0-9-]+)['"]?\s*$/m;

/** Reads the `id:` of every threat page under content/threats, so other content can be checked against it at load time. */
export function readThreatIds(threatsDir: string): Set<string> {
  const ids = new Set<string>();
  const files = readdirSync(threatsDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.mdx')
  );
  for (const file of files) {
    const front = FRONTMATTER.exec(readFileSync(join(threatsDir, file), 'utf8'))?.[1];
    const id = front ? ID_LINE.exec(front)?.[1] : undefined;
    if (id) ids.add(id);
  }
  return ids;
}
