import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { buildWorksheetCatalog } from '../../../src/lib/worksheet/data';
import { runPlatform } from '../../../src/lib/worksheet/platform';
import { worksheetJson } from '../../../src/lib/worksheet/export';
import { worksheetMarkdown } from '../../../src/lib/worksheet/writeup';
import {
  conceptThreats,
  describeFindings,
  findingKey,
  groupByNodeType,
} from '../../../src/lib/worksheet/findings';
import {
  benchmarkName,
  checkBeyondExercise,
  exerciseNotes,
  kubernetesExerciseNote,
  rulesMetText,
  unmetRules,
  worksheetPlatform,
} from '../../../src/lib/worksheet/rules';
import { type Worksheet } from '../../../src/lib/worksheet/schema';
import { pickKey, reduceWorksheet } from '../../../src/lib/worksheet/state';
import { summaryRows } from '../../../src/lib/worksheet/summary';
import { comparePicks, evidenceFrom } from '../../../src/lib/worksheet/verify';
import { contentWorksheetData, kubeBenchRun } from './helpers';
import { importWorksheet } from '../../../src/lib/worksheet/import-worksheet';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';

const kube = buildWorksheetCatalog(contentWorksheetData('kubernetes'));
const now = new Date('2025-05-01T10:00:00.000Z');

const ETCD_DIR = {
  id: '1.1.12',
  title: 'Ensure that the etcd data directory ownership is set to etcd:etcd',
};
const ENCRYPTION = {
  id: '1.2.32',
  title: 'Ensure that the --encryption-provider-config argument is set as appropriate',
};
const KUBELET_ANON = {
  id: '4.2.1',
  title: 'Ensure that the anonymous-auth argument is set to false',
};
const NET_RAW = {
  id: '5.2.7',
  title: 'Minimize the admission of containers with the NET_RAW capability',
};
const HOSTILE_TITLE = 'Ensure <img src=x onerror=alert(1)> [link](https://evil.example) `x`';

function run(tags: { etcd: string; enc: string; anon: string; raw: string; hostile?: string }) {
  return parseBenchRun(
    kubeBenchRun([
      {
        nodeType: 'master',
        id: '1',
        title: 'Master Node Security Configuration',
        checks: [
          { tag: tags.etcd, ...ETCD_DIR },
          { tag: tags.enc, ...ENCRYPTION },
        ],
      },
      {
        nodeType: 'node',
        id: '4',
        title: 'Worker Node Security Configuration',
        checks: [
          { tag: tags.anon, ...KUBELET_ANON },
          { tag: tags.hostile ?? 'PASS', id: '4.2.99', title: HOSTILE_TITLE },
        ],
      },
      {
        nodeType: 'policies',
        id: '5',
        title: 'Kubernetes Policies',
        checks: [{ tag: tags.raw, ...NET_RAW }],
      },
    ])
  );
}

const before = run({ etcd: 'FAIL', enc: 'FAIL', anon: 'FAIL', raw: 'WARN', hostile: 'FAIL' });
const after = run({ etcd: 'PASS', enc: 'FAIL', anon: 'PASS', raw: 'WARN', hostile: 'PASS' });

function worksheet(ids = ['1.1.12', '1.2.32', '4.2.1'], threat = 'K8S-I-01'): Worksheet {
  const views = describeFindings(before, kube);
  let ws = reduceWorksheet(emptyWorksheet(), { type: 'set-input', text: 'kube-bench run' });
  for (const id of ids) {
    const v = views.find((x) => x.finding.id === id)!;
    ws = reduceWorksheet(ws, {
      type: 'pick',
      finding: v.finding,
      concept: v.concept,
      info: v.info,
    });
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key: v.key,
      patch: { threat, why: `Why ${id}` },
    });
  }
  return ws;
}

describe('Kubernetes worksheet data', () => {
  test('the Kubernetes file has the twelve Kubernetes threats, five from the brief, its concepts and the Kubernetes check sets of kube-bench, Trivy and kubescape', () => {
    const data = contentWorksheetData('kubernetes');
    expect(data.platform).toBe('kubernetes');
    expect(data.threats).toHaveLength(12);
    expect(data.threats.every((t) => t.id.startsWith('K8S-'))).toBe(true);
    expect(
      data.threats
        .filter((t) => t.fromBrief)
        .map((t) => t.id)
        .sort()
    ).toEqual(['K8S-D-01', 'K8S-E-01', 'K8S-I-01', 'K8S-S-01', 'K8S-T-01']);
    expect(data.concepts.length).toBeGreaterThan(100);
    expect(
      data.checkSets.sets.every((s) => /^(?:kube-bench|trivy|kubescape)-/.test(s.checkSet))
    ).toBe(true);
    expect(data.checkSets.sets.map((s) => s.checkSet.split('-')[0])).toEqual(
      expect.arrayContaining(['kube', 'trivy', 'kubescape'])
    );
    expect(data.checkSets.sets.some((s) => s.checkSet === 'trivy-docker-cis-1.6.0')).toBe(false);
  });

  test('the Docker file keeps Kubernetes out', () => {
    const data = contentWorksheetData('docker');
    expect(data.threats.every((t) => t.id.startsWith('DOCKER-'))).toBe(true);
    expect(data.checkSets.sets.some((s) => s.checkSet.startsWith('kube-bench-'))).toBe(false);
  });
});

describe('Kubernetes findings', () => {
  test('a kube-bench run is Kubernetes; its findings are explained by Kubernetes concepts tied to Kubernetes threats', () => {
    expect(runPlatform(before)).toBe('kubernetes');
    const views = describeFindings(before, kube);
    const enc = views.find((v) => v.finding.id === '1.2.32')!;
    expect(enc.concept).toBe('encryption-provider-config');
    expect(enc.info?.name).toBeTruthy();
    expect(conceptThreats(enc.concept, kube).map((t) => [t.id, t.fromBrief])).toEqual([
      ['K8S-I-01', true],
    ]);
    expect(views.find((v) => v.finding.id === '5.2.7')!.threats.map((t) => t.id)).toEqual([
      'K8S-S-01',
    ]);
  });

  test('groups by node type in run order, then by section', () => {
    const groups = groupByNodeType(describeFindings(before, kube), before);
    expect(groups.map((g) => [g.nodeType, g.sections.map((s) => s.section)])).toEqual([
      ['master', ['1']],
      ['node', ['4']],
      ['policies', ['5']],
    ]);
  });

  test('one check printed under two node types gives two findings and two picks', () => {
    const twice = parseBenchRun(
      kubeBenchRun([
        {
          nodeType: 'controlplane',
          id: '2',
          title: 'Control Plane Configuration',
          checks: [
            {
              tag: 'FAIL',
              id: 'V-242381',
              title: 'The Controller Manager must create unique service accounts',
            },
          ],
        },
        {
          nodeType: 'policies',
          id: '4',
          title: 'Policies',
          checks: [
            {
              tag: 'FAIL',
              id: 'V-242381',
              title: 'The Controller Manager must create unique service accounts',
            },
          ],
        },
      ])
    );
    const keys = twice.findings.map(findingKey);
    expect(new Set(keys).size).toBe(2);
    let ws = emptyWorksheet();
    for (const f of twice.findings) ws = reduceWorksheet(ws, { type: 'pick', finding: f });
    expect(ws.picks.map((p) => [p.nodeType, pickKey(p)])).toEqual(
      twice.findings.map((f) => [f.nodeType, findingKey(f)])
    );
  });
});

describe('Kubernetes picks and rules', () => {
  test('a pick keeps its node type, and its verification names it', () => {
    const p = worksheet().picks[0]!;
    expect(p).toMatchObject({
      findingId: '1.1.12',
      nodeType: 'master',
      concept: 'etcd-data-dir-ownership',
    });
    expect(p.verify).toMatch(
      /check 1\.1\.12 ".*" \(master \(control plane node\)\) should now pass/
    );
  });

  test('three documented failed picks meet every rule; the exercise rule is not applied, and a sentence says so', () => {
    const ws = worksheet();
    expect(unmetRules(ws, before, { threatIds: new Set(kube.threats.keys()) })).toEqual([]);
    expect(worksheetPlatform(ws, before)).toBe('kubernetes');
    expect(worksheetPlatform(ws, undefined)).toBe('kubernetes');
    expect(exerciseNotes(ws, before)).toEqual([]);
    expect(rulesMetText('kubernetes')).not.toMatch(/exercise/);
    expect(kubernetesExerciseNote('kube-bench')).toMatch(
      /5\.10, 5\.14 and 5\.22.*Docker exercise.*kube-bench/
    );
  });

  test('no 5.10 rule for kube-bench, even when every pick is one of the Docker exercise concepts', () => {
    const exercise = worksheet().picks.map((p, i) => ({
      ...p,
      concept: ['memory-limit', 'on-failure-restart-policy', 'exec-privileged'][i],
    }));
    const ws = { ...worksheet(), picks: exercise };
    expect(checkBeyondExercise(ws, 'docker').map((r) => r.rule)).toEqual(['beyond-exercise']);
    expect(checkBeyondExercise(ws, 'kubernetes')).toEqual([]);
    expect(
      unmetRules(ws, before, { threatIds: new Set(kube.threats.keys()) }).map((r) => r.rule)
    ).not.toContain('beyond-exercise');
  });

  test('a Docker threat on a kube-bench pick is not a threat of the Kubernetes model; a passed finding names its node type', () => {
    const ws = worksheet(['1.1.12', '1.2.32', '4.2.1'], 'DOCKER-D-01');
    const unmet = unmetRules(ws, before, { threatIds: new Set(kube.threats.keys()) });
    expect(unmet.filter((u) => u.rule === 'threat').map((u) => u.message)[0]).toBe(
      '1.1.12 is tied to DOCKER-D-01, which the Kubernetes model does not have. Choose another threat.'
    );
    const failed = unmetRules(worksheet(), after, {}).find((u) => u.rule === 'failed-only');
    expect(failed?.message).toMatch(
      /^1\.1\.12 Ensure that the etcd data directory ownership is set to etcd:etcd \[master \(control plane node\)\] is "Passed" in this run/
    );
  });
});

describe('Kubernetes summary', () => {
  test('names the detected benchmark with its confidence and counts per node type', () => {
    const rows = Object.fromEntries(summaryRows(before).map((r) => [r.label, r.value]));
    expect(rows.Tool).toBe('kube-bench (text output)');
    expect(rows['Node type master (control plane node)']).toBe(
      'section 1 Master Node Security Configuration: 2 in all: 2 failed, 0 manual check, 0 information, 0 passed, 0 not checked'
    );
    expect(rows['Node type node (worker node)']).toMatch(
      /^section 4 Worker Node Security Configuration: 2 in all: 2 failed/
    );
    expect(rows['Node type policies (cluster policies)']).toMatch(/1 manual check/);
  });

  test('Kubernetes benchmark ids read as names', () => {
    expect(
      ['cis-kubernetes-1.20', 'cis-eks-1.0.1', 'eks-stig-kubernetes-v1r6', 'rh-0.7'].map(
        benchmarkName
      )
    ).toEqual([
      'CIS Kubernetes 1.20',
      'CIS Amazon EKS 1.0.1',
      'DISA STIG for Amazon EKS Kubernetes V1R6',
      'rh-0.7',
    ]);
  });

  test('a JUnit run is called JUnit XML, not text output', () => {
    const junit = parseBenchRun(
      '<testsuites><testsuite name="Control Plane Security Configuration" tests="1" failures="1" errors="0" time="0"><testcase name="1.2.32 Ensure that the --encryption-provider-config argument is set as appropriate (Automated)" classname="API Server" time="0"><failure type=""></failure></testcase></testsuite></testsuites>'
    );
    expect(junit.format).toBe('junit');
    expect(summaryRows(junit)[0]!.value).toBe('kube-bench (JUnit XML)');
  });

  const real = join(
    process.env.STRIDE_SHARED ?? join(process.cwd(), '../shared'),
    'fixtures/kube-bench/text-cis-1.20-kind-kube-bench-ci.txt'
  );
  test.skipIf(!existsSync(real))(
    'a real kube-bench run: CIS Kubernetes 1.20 for sure, five node types',
    () => {
      const rows = summaryRows(parseBenchRun(readFileSync(real, 'utf8')));
      const value = (label: string) => rows.find((r) => r.label === label)?.value;
      expect(value('Benchmark')).toBe('CIS Kubernetes 1.20');
      expect(rows.filter((r) => r.label.startsWith('Node type ')).map((r) => r.label)).toEqual([
        'Node type master (control plane node)',
        'Node type etcd',
        'Node type controlplane (control plane configuration)',
        'Node type node (worker node)',
        'Node type policies (cluster policies)',
      ]);
      expect(value('Node type master (control plane node)')).toMatch(/: 64 in all: 10 failed/);
    }
  );
});

// GitHub-flavoured Markdown as Astro renders it.
const processor = createMarkdownProcessor({ syntaxHighlight: false });

describe('Kubernetes exports', () => {
  test('the Markdown reads kube-bench, names each pick’s node type and its Kubernetes threat, and says the exercise rule does not apply', () => {
    let ws = worksheet();
    const live = comparePicks(ws.picks, before, after, kube)[0]!;
    ws = reduceWorksheet(ws, {
      type: 'verify-pick',
      key: live.pick,
      evidence: evidenceFrom(live, now)!,
    });
    const md = worksheetMarkdown(ws, { run: before, afterRun: after, catalog: kube, now });
    expect(md).toContain('## kube-bench Run Results and Analysis');
    expect(md).not.toMatch(/docker-bench/i);
    expect(md).toContain('| Tool | kube-bench (text output) |');
    expect(md).toContain(
      '| Node type master (control plane node) | section 1 Master Node Security Configuration: 2 in all'
    );
    expect(md).toContain(kubernetesExerciseNote('kube-bench'));
    expect(md).toContain('- **Node type:** master (control plane node)');
    expect(md).toContain('- **Node type:** node (worker node)');
    expect(md).toContain(
      '- **Threat:** K8S-I-01 Secrets readable from etcd or its backups (Information disclosure, one of the five Step 1 threats)'
    );
    expect(md).toContain('under node type master (control plane node) (line');
    expect(md).toContain(
      '| Check | 1.1.12 (CIS Kubernetes 1.20, kube-bench cis-1.20) Ensure that the etcd data directory ownership is set to etcd:etcd \\[master (control plane node)\\] |'
    );
  });

  test('the JSON says kube-bench, the node types and the threat ids, and imports back to the same worksheet', () => {
    const ws = worksheet();
    const json = worksheetJson(ws, now, before);
    const doc = JSON.parse(json) as {
      run: { tool: string; nodeTypes: string[] };
      worksheet: Worksheet;
    };
    expect(doc.run).toMatchObject({
      tool: 'kube-bench',
      format: 'text',
      nodeTypes: ['master', 'node', 'policies'],
    });
    expect(doc.worksheet.picks.map((p) => [p.findingId, p.nodeType, p.threat])).toEqual([
      ['1.1.12', 'master', 'K8S-I-01'],
      ['1.2.32', 'master', 'K8S-I-01'],
      ['4.2.1', 'node', 'K8S-I-01'],
    ]);
    expect(importWorksheet(json)).toEqual({ ok: true, worksheet: ws });
  });

  test('hostile titles and answers of a kube-bench pick stay text in the Markdown', async () => {
    let ws = worksheet(['1.1.12', '1.2.32', '4.2.99']);
    const key = pickKey(ws.picks[2]!);
    ws = reduceWorksheet(ws, {
      type: 'edit-pick',
      key,
      patch: {
        why: '<script>alert(1)</script>\n# heading\n[x](https://evil.example)',
        ownThreat: '',
      },
    });
    const md = worksheetMarkdown(ws, { run: before, catalog: kube, now });
    const html = (await (await processor).render(md)).code;
    expect(html).not.toMatch(/<(a|img|script|h1|blockquote)\b/);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).toContain(
      '4.2.99 (CIS Kubernetes 1.20, kube-bench cis-1.20) Ensure &#x3C;img src=x onerror=alert(1)> [link](https\u2060://evil.example) `x`'
    );
  });
});

describe('Kubernetes before and after', () => {
  test('matched as the same check (id and node type) first, else by concept within the node type', () => {
    const ws = worksheet();
    expect(
      comparePicks(ws.picks, before, after, kube).map((c) => [
        c.before?.outcome,
        c.after?.outcome,
        c.after?.nodeType,
        c.matchedBy,
      ])
    ).toEqual([
      ['fail', 'pass', 'master', 'id'],
      ['fail', 'fail', 'master', 'id'],
      ['fail', 'pass', 'node', 'id'],
    ]);
    const hostile = worksheet(['4.2.99']).picks;
    expect(comparePicks(hostile, before, after, kube)[0]).toMatchObject({
      matchedBy: 'id',
      after: { outcome: 'pass', nodeType: 'node' },
    });
    const moved = { ...hostile[0]!, nodeType: 'policies' };
    expect(comparePicks([moved], before, after, kube)[0]!.after).toBeUndefined();
    expect(evidenceFrom(comparePicks(ws.picks, before, after, kube)[0]!, now)).toMatchObject({
      findingId: '1.1.12',
      nodeType: 'master',
      matchedBy: 'id',
    });
  });
});
