import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { checkConceptShape, checkSetSchema } from '../../../src/lib/catalog/schema';
import {
  buildWorksheetCatalog,
  packCheckSets,
  worksheetData,
  type ConceptInfo,
  type ThreatSource,
  type WorksheetCatalog,
  type WorksheetData,
} from '../../../src/lib/worksheet/data';
import {
  threatCatalogData,
  type ThreatCatalogData,
  type ThreatModelSources,
} from '../../../src/lib/worksheet/own-threats';

const BENCHMARKS = join(process.cwd(), 'content/benchmarks/docker');

const concept = (
  c: Partial<ConceptInfo> & Pick<ConceptInfo, 'concept' | 'name' | 'threats'>
): ConceptInfo => ({
  what: `${c.name}: what the check tests.`,
  why: `${c.name}: why it matters.`,
  remediation: `Remediation for ${c.name}.`,
  audit: `docker inspect for ${c.name}`,
  impact: 'Some impact.',
  ...c,
});

/** The real check sets of the project with a few concepts and threats written for the tests. */
export function testCatalog(): WorksheetCatalog {
  const checkSets = readdirSync(BENCHMARKS)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => checkSetSchema.parse(yaml.load(readFileSync(join(BENCHMARKS, f), 'utf8'))));
  return buildWorksheetCatalog({
    platform: 'docker',
    checkSets: packCheckSets(checkSets),
    threats: [
      {
        id: 'DOCKER-D-01',
        title: 'A container exhausts the host',
        stride: 'denial-of-service',
        fromBrief: true,
        severity: 'high',
      },
      {
        id: 'DOCKER-E-01',
        title: 'A container escapes to the host',
        stride: 'elevation-of-privilege',
        fromBrief: true,
        severity: 'critical',
      },
      {
        id: 'DOCKER-T-02',
        title: 'Daemon configuration is changed',
        stride: 'tampering',
        fromBrief: false,
        severity: 'medium',
      },
    ],
    concepts: [
      concept({
        concept: 'memory-limit',
        name: 'Memory limit per container',
        threats: ['DOCKER-D-01'],
        remediation: 'Start containers with --memory.',
        audit:
          "docker ps --quiet --all | xargs docker inspect --format '{{ .Id }}: Memory={{ .HostConfig.Memory }}'",
      }),
      concept({
        concept: 'host-network-namespace',
        name: "Host's network namespace not shared",
        threats: ['DOCKER-E-01'],
      }),
      concept({
        concept: 'live-restore',
        name: 'Live restore',
        threats: ['DOCKER-D-01', 'DOCKER-T-02'],
      }),
    ],
  });
}

/** A small aquasecurity/docker-bench text run: one `[TAG] id title` line per check, details indented by a tab. */
export function aquasecRun(
  header: string,
  checks: { tag: string; id: string; title: string; details?: string[] }[]
): string {
  const lines = [
    `[INFO] ${header} CIS Docker Community Edition Benchmark`,
    '[INFO] 2 Docker daemon configuration',
  ];
  for (const c of checks) {
    if (c.id.startsWith('5.') && !lines.includes('[INFO] 5 Container Runtime Configuration'))
      lines.push('[INFO] 5 Container Runtime Configuration');
    lines.push(
      `[${c.tag}] ${c.id} ${c.title} (Manual)`,
      ...(c.details ?? []).map((d) => `\t ${d}`)
    );
  }
  const count = (t: string) => checks.filter((c) => c.tag === t).length;
  lines.push(
    '',
    '== Summary ==',
    `${count('PASS')} checks PASS`,
    `${count('FAIL')} checks FAIL`,
    `${count('WARN')} checks WARN`,
    '0 checks INFO',
    ''
  );
  return lines.join('\n');
}

/** An in-memory Storage that can be told to refuse writes as a full browser storage does. */
export class MemoryStorage {
  readonly data = new Map<string, string>();
  /** Largest value accepted; longer values throw QuotaExceededError. */
  limit = Number.POSITIVE_INFINITY;
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.limit)
      throw Object.assign(new Error('The quota has been exceeded.'), {
        name: 'QuotaExceededError',
      });
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

const yamlDir = (dir: string) =>
  readdirSync(join(process.cwd(), dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => yaml.load(readFileSync(join(process.cwd(), dir, f), 'utf8')));

/** The threats of content/threats as their front matter has them. */
export function contentThreats(): ThreatSource[] {
  const dir = join(process.cwd(), 'content/threats');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .map(
      (f) =>
        yaml.load(
          /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, f), 'utf8'))![1]!
        ) as ThreatSource
    );
}

/** The threat-model steps' catalog built from the project's real content, as the page's data route builds it. */
export function contentThreatCatalog(): ThreatCatalogData {
  return threatCatalogData({
    threats: contentThreats() as unknown as ThreatModelSources['threats'],
    models: yamlDir('content/models') as ThreatModelSources['models'],
  });
}

/** One platform's worksheet data built from the project's real content, as the page's data route builds it. */
export function contentWorksheetData(platform: 'docker' | 'kubernetes'): WorksheetData {
  return worksheetData(
    platform,
    contentThreats(),
    yamlDir('content/checks').map((c) => checkConceptShape.parse(c)),
    yamlDir('content/benchmarks').map((s) => checkSetSchema.parse(s))
  );
}

/** A small kube-bench text run in the current layout: one block per node type with its summary, then the total. */
export function kubeBenchRun(
  blocks: {
    nodeType: string;
    id: string;
    title: string;
    checks: { tag: string; id: string; title: string }[];
  }[]
): string {
  const lines: string[] = [];
  const sum = { PASS: 0, FAIL: 0, WARN: 0, INFO: 0 } as Record<string, number>;
  for (const b of blocks) {
    lines.push(`[INFO] ${b.id} ${b.title}`);
    const groups = new Set<string>();
    for (const c of b.checks) {
      const group = c.id.split('.').slice(0, 2).join('.');
      // STIG ids such as V-242381 have no group heading.
      if (/^\d/.test(c.id) && !groups.has(group)) {
        groups.add(group);
        lines.push(`[INFO] ${group} Group ${group}`);
      }
      lines.push(`[${c.tag}] ${c.id} ${c.title} (Automated)`);
    }
    const failing = b.checks.filter((c) => c.tag === 'FAIL' || c.tag === 'WARN');
    lines.push('');
    if (failing.length)
      lines.push(
        `== Remediations ${b.nodeType} ==`,
        ...failing.flatMap((c) => [`${c.id} Fix ${c.id}.`, ''])
      );
    const count = (t: string) => b.checks.filter((c) => c.tag === t).length;
    for (const t of Object.keys(sum)) sum[t]! += count(t);
    lines.push(
      `== Summary ${b.nodeType} ==`,
      `${count('PASS')} checks PASS`,
      `${count('FAIL')} checks FAIL`,
      `${count('WARN')} checks WARN`,
      `${count('INFO')} checks INFO`,
      ''
    );
  }
  lines.push(
    '== Summary total ==',
    `${sum.PASS} checks PASS`,
    `${sum.FAIL} checks FAIL`,
    `${sum.WARN} checks WARN`,
    `${sum.INFO} checks INFO`,
    ''
  );
  return lines.join('\n');
}
