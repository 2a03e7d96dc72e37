import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { parseBenchRun } from '../../../src/lib/bench/index';
import { describeFindings } from '../../../src/lib/worksheet/findings';
import {
  blankEntry,
  entryFromCatalog,
  ownThreatRef,
  threatCatalogData,
  type ThreatModelSources,
} from '../../../src/lib/worksheet/own-threats';
import { type Worksheet } from '../../../src/lib/worksheet/schema';
import { reduceWorksheet } from '../../../src/lib/worksheet/state';
import {
  analysisTitle,
  writeupFileName,
  writeupMarkdown,
  writeupText,
} from '../../../src/lib/worksheet/writeup';
import { stripControl } from '../../../src/lib/worksheet/text';
import { aquasecRun, contentThreats, kubeBenchRun, testCatalog } from './helpers';
import { emptyWorksheet, OWN_THREAT } from '../../../src/lib/worksheet/worksheet';

const wc = testCatalog();
const now = new Date('2025-05-01T10:00:00.000Z');
const models = ['docker', 'kubernetes'].map((p) =>
  yaml.load(readFileSync(join(process.cwd(), 'content/models', `${p}.yaml`), 'utf8'))
) as ThreatModelSources['models'];
const data = threatCatalogData({
  threats: contentThreats() as unknown as ThreatModelSources['threats'],
  models,
});
const catalogThreat = (id: string) =>
  [...data.docker.threats, ...data.kubernetes.threats].find((t) => t.id === id)!;

const HOSTILE = [
  '<script>alert(1)</script>',
  '[click me](https://evil.example/a)',
  '# heading',
  '- list item',
  '`code` *em*',
  'rtl\u202e bell\u0007 escape\u001b[31m nul\u0000',
];

const run = parseBenchRun(
  aquasecRun('20.10', [
    { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
    { tag: 'FAIL', id: '5.11', title: 'Ensure that the memory usage for container is limited' },
    { tag: 'FAIL', id: '2.14', title: 'Ensure Userland Proxy is Disabled' },
  ])
);

function filled(description = 'The daemon restarts take every container down.'): Worksheet {
  let ws = emptyWorksheet();
  ws = reduceWorksheet(ws, {
    type: 'add-threat',
    platform: 'docker',
    entry: entryFromCatalog('d1', catalogThreat('DOCKER-S-01')),
  });
  ws = reduceWorksheet(ws, {
    type: 'add-threat',
    platform: 'docker',
    entry: { ...blankEntry('d2'), stride: 'denial-of-service', component: 'dockerd', description },
  });
  ws = reduceWorksheet(ws, {
    type: 'add-threat',
    platform: 'kubernetes',
    entry: entryFromCatalog('k1', catalogThreat('K8S-I-01')),
  });
  ws = reduceWorksheet(ws, { type: 'add-threat', platform: 'kubernetes', entry: blankEntry('k2') });
  for (const v of describeFindings(run, wc))
    ws = reduceWorksheet(ws, {
      type: 'pick',
      finding: v.finding,
      concept: v.concept,
      info: v.info,
    });
  const [a, b, c] = ws.picks.map((p) => `${p.findingId} ${p.title}`);
  ws = reduceWorksheet(ws, {
    type: 'edit-pick',
    key: a!,
    patch: { threat: ownThreatRef('d2'), why: 'Live restore keeps containers up.' },
  });
  ws = reduceWorksheet(ws, {
    type: 'edit-pick',
    key: b!,
    patch: { threat: 'DOCKER-D-01', why: 'Memory.' },
  });
  ws = reduceWorksheet(ws, {
    type: 'edit-pick',
    key: c!,
    patch: { threat: OWN_THREAT, ownThreat: 'Docker host ports', why: '' },
  });
  return ws;
}

const ctx = { run, catalog: wc, now, threatCatalog: data };
const KUBE_RUN = kubeBenchRun([
  {
    nodeType: 'node',
    id: '4',
    title: 'Worker Node Security Configuration',
    checks: [
      {
        tag: 'FAIL',
        id: '4.2.6',
        title: 'Ensure that the --protect-kernel-defaults argument is set to true',
      },
    ],
  },
]);
const pick = filled().picks[0]!;

describe('Markdown write-up', () => {
  test('has the three parts in order, each threat numbered with its category and component', () => {
    const md = writeupMarkdown(filled(), ctx);
    const headings = [...md.matchAll(/^(##|###) (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    const parts = headings.filter((h) => h.startsWith('## '));
    expect(parts).toEqual([
      '## Docker Threat Modeling',
      '## Kubernetes Threat Modeling',
      '## Docker-bench Run Results and Analysis',
    ]);
    expect(headings.slice(1, 3)).toEqual(['### 1. Spoofing', '### 2. Denial of service']);
    expect(headings.slice(4, 6)).toEqual([
      '### 1. Information disclosure',
      '### 2. STRIDE category not chosen yet',
    ]);
    expect(md).toContain('**Component:** Docker daemon (dockerd, Engine API)');
    // The entry kept the catalog's summary: the credit says it is not the student's own words yet.
    expect(md).toContain(
      '_Credit: this text is still (nearly) that of the container-stride catalog threat DOCKER-S-01 “A compromised container impersonates its neighbours on a shared network”, not yet in my own words._'
    );
    expect(md).toContain(
      '**Mitigation:** hardening 2.15 Ensure live restore is Enabled (see the findings I harden)'
    );
    expect(md).toContain(
      '**Mitigation:** Drop CAP\\_NET\\_RAW, or drop all capabilities and add back only what the process needs (the first mitigation of DOCKER-S-01 in the catalog)'
    );
    // The course exercise repeats the course's question under each part.
    expect(md).toContain(
      "## Docker Threat Modeling\n\n_The course asks: “Given Docker's system components and the STRIDE framework, identify five potential threats that may arise.”_"
    );
    expect(md).toContain(
      '_The course asks: “From the failed findings, select and document 3 findings'
    );
    expect(md).toContain(
      '- **Threat:** Threat 2 of my Docker threat model (Denial of service, Docker daemon (dockerd, Engine API)): The daemon restarts take every container down.'
    );
    expect(md).toMatch(/Still open:\n\n- Add 3 more Docker threats/);
    expect(md).toContain(
      '- Threat 2 still needs a STRIDE category, the affected component and a description.'
    );
  });

  test('says so when a platform has no threats yet, and names a kube-bench run in the third part', () => {
    const md = writeupMarkdown(emptyWorksheet(), { catalog: wc, now });
    expect(md).toMatch(
      /## Docker Threat Modeling\n\n_The course asks: [^\n]*_\n\n_No Docker threats written yet\._/
    );
    expect(analysisTitle({ picks: [] }, parseBenchRun(KUBE_RUN))).toBe(
      'kube-bench Run Results and Analysis'
    );
    expect(analysisTitle({ picks: [{ ...pick, nodeType: 'master' }] }, undefined)).toBe(
      'kube-bench Run Results and Analysis'
    );
    expect(analysisTitle({ picks: [pick] }, undefined)).toBe(
      'Docker-bench Run Results and Analysis'
    );
  });

  test("without the course exercise's rules: no course question, no rule of three, the user's own task", () => {
    const ws = { ...filled(), exerciseRules: false };
    ws.picks = ws.picks.slice(0, 1);
    const md = writeupMarkdown(ws, ctx);
    expect(md).not.toContain('The course asks');
    expect(md).not.toMatch(/exactly three|5\.10, 5\.14/);
    expect(md).toContain('My own hardening, not the course exercise');
    expect(md).toMatch(/^### 1\. 2\.15 .*Ensure live restore is Enabled$/m);
  });

  test("a threat rewritten in the student's own words is credited to its catalog threat as rewritten", () => {
    const ws = reduceWorksheet(filled(), {
      type: 'edit-threat',
      platform: 'docker',
      id: 'd1',
      patch: { description: 'A sidecar in my pod answers as the payment service on localhost.' },
    });
    expect(writeupText(ws, ctx)).toContain(
      'Credit: started from the container-stride catalog threat DOCKER-S-01 “A compromised container impersonates its neighbours on a shared network”, rewritten in my own words.'
    );
  });

  test("a pick's attack surface stays one line, however long the threat it is tied to", () => {
    const long = `${'The daemon restarts take every container down, '.repeat(8)}end.`;
    const md = writeupMarkdown(filled(long), ctx);
    const line = md.split('\n').find((l) => l.startsWith('- **Threat:** Threat 2 of my Docker'))!;
    expect(line.length).toBeLessThan(170);
    expect(line).toMatch(/…$/);
    // The threat model keeps the whole text.
    expect(md).toContain('end.');
  });

  test('hostile descriptions render as text, never as markup', async () => {
    const md = writeupMarkdown(filled(HOSTILE.join('\n')), ctx);
    const html = (await (await createMarkdownProcessor({ syntaxHighlight: false })).render(md))
      .code;
    expect(html).not.toMatch(/<(a|img|script)\b/);
    expect(html).not.toMatch(/<em>em<\/em>|<code>code<\/code>/);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(html).not.toMatch(/<h\d[^>]*>heading/);
    expect(html).not.toMatch(/<li>list item/);
    expect(stripControl(md)).toBe(md);
  });
});

describe('plain-text write-up', () => {
  test("follows the template's layout: part headings, numbered STRIDE threats, each pick with its [FAIL] line, threat and reasons", () => {
    const text = writeupText(filled(), ctx);
    expect(
      text.split('\n').filter((l) => /Threat Modeling$|Run Results and Analysis$/.test(l))
    ).toEqual([
      'Docker Threat Modeling',
      'Kubernetes Threat Modeling',
      'Docker-bench Run Results and Analysis',
    ]);
    expect(text).toContain(
      "Docker Threat Modeling\n\nThe course asks: “Given Docker's system components and the STRIDE framework, identify five potential threats that may arise.”\n\n1. Spoofing\nComponent: Containers\nA container an attacker controls"
    );
    expect(text).toContain(
      '2. Denial of service\nComponent: Docker daemon (dockerd, Engine API)\nThe daemon restarts take every container down.\nMitigation: hardening 2.15 Ensure live restore is Enabled (see the findings I harden)\n'
    );
    expect(text).toContain(
      "Kubernetes Threat Modeling\n\nThe course asks: “Given Kubernetes' system components and the STRIDE framework, identify five potential threats that may arise.”\n\n1. Information disclosure\nComponent: etcd\n"
    );
    expect(text).toContain(
      '2. STRIDE category not chosen yet\nComponent: not chosen yet\n(Not written yet.)\nMitigation: (none yet: tie a finding you harden to this threat.)\n'
    );
    expect(text).toContain(
      'Credit: this text is still (nearly) that of the container-stride catalog threat DOCKER-S-01 “A compromised container impersonates its neighbours on a shared network”, not yet in my own words.'
    );
    expect(text).toContain('\n\nStill open:\n• Add 3 more Docker threats');
    expect(text).toContain(
      '1. 2.15 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure live restore is Enabled\n[FAIL] 2.15 Ensure live restore is Enabled\nThreat: Threat 2 of my Docker threat model (Denial of service, Docker daemon (dockerd, Engine API)): The daemon restarts take every container down.\nStatus: planned\nCheck concept: Live restore\nWhy I harden it:\nLive restore keeps containers up.\nHardening steps:\n'
    );
    expect(text).toContain(
      '[FAIL] 5.11 Ensure that the memory usage for container is limited\nThreat: DOCKER-D-01 A container exhausts the host (Denial of service, one of the five Step 1 threats)\nStatus: planned\n'
    );
    expect(text).toContain(
      '[FAIL] 2.14 Ensure Userland Proxy is Disabled\nThreat: An attack surface of my own Step 1 model: Docker host ports\nStatus: planned\nWhy I harden it:\n(Not written yet.)\n'
    );
    expect(text).toContain(
      'Before and after:\nCheck before hardening: 2.15 (CIS Docker 1.6.0, aquasecurity/docker-bench cis-1.6.0) Ensure live restore is Enabled\nResult before hardening: Failed (FAIL), line 3\nCheck after hardening: no run after hardening pasted yet\n'
    );
    expect(text).not.toMatch(/\n{3,}/);
    // Plain text: no Markdown syntax of its own.
    expect(text).not.toMatch(/^#|\*\*|^- |^\|/m);
  });

  test('hostile text loses its control and direction characters and keeps its words', () => {
    const text = writeupText(filled(HOSTILE.join('\n')), ctx);
    expect(stripControl(text)).toBe(text);
    expect(text).toContain(
      '<script>alert(1)</script>\n[click me](https://evil.example/a)\n# heading'
    );
    expect(text).toContain('rtl bell escape[31m nul');
  });

  test('file names are dated', () => {
    expect(writeupFileName('md', now)).toBe('threat-model-writeup-2025-05-01.md');
    expect(writeupFileName('txt', now)).toBe('threat-model-writeup-2025-05-01.txt');
  });
});
