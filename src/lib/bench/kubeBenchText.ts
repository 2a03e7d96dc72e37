import { LineTally, plural, skippedLinesDiagnostic } from './diagnostics';
import { newFinding } from './findings';
import { bracketTag, KUBE_BENCH_TAGS } from './tags';
import type { Diagnostic, Finding, KubeNodeType, PrintedTotals } from './types';
import { aquasecOutcome, cleanTitle, sectionOf } from './title';

/** One top-level kube-bench section (one node type's controls file) as read. */
export interface KubeBlock {
  id: string;
  title: string;
  line: number;
  nodeType?: KubeNodeType;
  /** Whether the node type was printed ("== Summary node ==") rather than inferred from the heading. */
  nodeTypePrinted: boolean;
  findings: Finding[];
  printed?: PrintedTotals;
  sawSummary: boolean;
  sawRemediations: boolean;
  /** FAIL/WARN checks whose remediation entry was printed empty ("5.1.1 " alone). */
  emptyRemediations: number;
}

/** What the kube-bench text reader found, before detection and totals. */
export interface KubeReadResult {
  blocks: KubeBlock[];
  findings: Finding[];
  /** First printed title (suffix included) per check id, and per heading id prefixed with #, for benchmark detection. */
  printedTitles: Map<string, string>;
  total?: PrintedTotals;
  sawTotal: boolean;
  /** `== Summary ==` without a node type: kube-bench before v0.5.0. */
  oldLayout: boolean;
  runs: number;
  runStart: number;
  diagnostics: Diagnostic[];
}

const REMEDIATIONS = /^==\s*Remediations(?:\s+(\S+))?\s*==\s*$/;
const SUMMARY = /^==\s*Summary(?:\s+(\S+))?\s*==\s*$/;
const COUNT = /^(\d{1,9})\s+checks?\s+(PASS|FAIL|WARN|INFO)\s*$/;
const NUMERIC_ID = /^\d+(?:\.\d+)*$/;
const CHECK_SUFFIX = /\((?:automated|manual|scored|not scored)\)\s*$/i;
const GLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ \S+:\d+\]/;

// Heading words per node type, for output that does not print the type (kube-bench before v0.5.0).
const HEADINGS: [RegExp, KubeNodeType][] = [
  [
    /^(?:master node|control plane security|control plane components|securing the openshift master)/i,
    'master',
  ],
  [/^etcd/i, 'etcd'],
  [/^control plane configuration/i, 'controlplane'],
  [/^worker node/i, 'node'],
  [/policies$/i, 'policies'],
  [/^managed services/i, 'managedservices'],
];
const CIS_SECTION_TYPES: Record<string, KubeNodeType> = {
  '1': 'master',
  '2': 'etcd',
  '3': 'controlplane',
  '4': 'node',
  '5': 'policies',
};

/** The node type a section heading names ("Worker Node Security Configuration" → node), falling back to CIS numbering. */
export function nodeTypeFromHeading(title: string, id: string): KubeNodeType | undefined {
  for (const [re, type] of HEADINGS) if (re.test(title.trim())) return type;
  return CIS_SECTION_TYPES[id];
}

function newBlock(id: string, title: string, line: number): KubeBlock {
  const block: KubeBlock = {
    id,
    title,
    line,
    nodeTypePrinted: false,
    findings: [],
    sawSummary: false,
    sawRemediations: false,
    emptyRemediations: 0,
  };
  const type = nodeTypeFromHeading(title, id);
  if (type) block.nodeType = type;
  return block;
}

function setPrinted(p: PrintedTotals, tag: string, n: number): void {
  if (tag === 'PASS') p.pass = n;
  else if (tag === 'FAIL') p.fail = n;
  else if (tag === 'WARN') p.warn = n;
  else p.info = n;
}

/** Reads kube-bench text output: results per node type, `== Remediations <type> ==`, `== Summary <type> ==` and the total. */
export function parseKubeBenchText(lines: string[]): KubeReadResult {
  const diagnostics: Diagnostic[] = [];
  let blocks: KubeBlock[] = [];
  let blockByHeading = new Map<string, KubeBlock>();
  let findings: Finding[] = [];
  let printedTitles = new Map<string, string>();
  let total: PrintedTotals | undefined;
  let sawTotal = false;
  let oldLayout = false;
  let runs = 1;
  let runStart = 0;
  let mode: 'results' | 'remediations' | 'summary' | 'total' = 'results';
  let block: KubeBlock | undefined;
  let group: string | undefined;
  let lastTagWasHeader = false;
  let current: Finding | undefined;
  const skipped = new LineTally();
  const unmatched = new LineTally();

  // Remediation entries are found by walking the section's FAIL/WARN ids in order (bodies may hold blank lines).
  let pending: Finding[] = [];
  let pendingIndex = new Map<string, number>();
  let nextSame: number[] = [];
  let pointer = 0;
  let target: Finding | undefined;
  let body: string[] = [];

  const noiseAt = (i: number, t: string) => skipped.add(i, t);
  const flushRemediation = () => {
    if (target) {
      while (body.length > 0 && (body[body.length - 1] as string).trim() === '') body.pop();
      const text = body.join('\n').trim();
      if (text.startsWith('audit test did not run:')) {
        target.auditError = text.slice('audit test did not run:'.length).trim();
        target.auditErrorCode = 'audit-did-not-run';
      } else if (text !== '') target.remediation = text;
      else if (block) block.emptyRemediations++;
    }
    target = undefined;
    body = [];
  };
  const startRemediations = (b: KubeBlock) => {
    pending = b.findings.filter((f) => f.status !== 'PASS');
    pendingIndex = new Map();
    nextSame = new Array<number>(pending.length).fill(-1);
    for (let k = pending.length - 1; k >= 0; k--) {
      const id = (pending[k] as Finding).id;
      const later = pendingIndex.get(id);
      if (later !== undefined) nextSame[k] = later;
      pendingIndex.set(id, k);
    }
    pointer = 0;
  };
  const ensureBlock = (id: string, line: number): KubeBlock => {
    if (!block) {
      block = newBlock(NUMERIC_ID.test(id) ? sectionOf(id) : '', '', line);
      blocks.push(block);
    }
    return block;
  };
  const setType = (b: KubeBlock, word: string | undefined) => {
    if (word === undefined) {
      oldLayout = true;
      return;
    }
    b.nodeType = word;
    b.nodeTypePrinted = true;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const t = raw.trimStart();
    if (t.charCodeAt(0) === 61 && t.startsWith('==')) {
      const r = REMEDIATIONS.exec(t);
      if (r) {
        flushRemediation();
        const b = ensureBlock('', i + 1);
        // A repeated header for the same section goes on where the first one stopped.
        if (!b.sawRemediations) startRemediations(b);
        b.sawRemediations = true;
        setType(b, r[1]);
        mode = 'remediations';
        current = undefined;
        continue;
      }
      const s = SUMMARY.exec(t);
      if (s) {
        flushRemediation();
        current = undefined;
        if (s[1] === 'total') {
          mode = 'total';
          sawTotal = true;
          total = {};
          continue;
        }
        if (!block || block.sawSummary) {
          block = newBlock('', '', i + 1);
          blocks.push(block);
        }
        block.sawSummary = true;
        block.printed = {};
        setType(block, s[1]);
        mode = 'summary';
        continue;
      }
    }
    if (mode === 'summary' || mode === 'total') {
      const c = COUNT.exec(t);
      if (c) {
        const into = mode === 'total' ? total : block?.printed;
        if (into) setPrinted(into, c[2] as string, Number(c[1]));
        continue;
      }
    }
    if (mode === 'remediations') {
      const sp = raw.indexOf(' ');
      const token = sp < 0 ? raw.trimEnd() : raw.slice(0, sp);
      const k = pendingIndex.get(token);
      if (k !== undefined && k >= pointer) {
        flushRemediation();
        target = pending[k];
        const same = nextSame[k] as number;
        if (same >= 0) pendingIndex.set(token, same);
        else pendingIndex.delete(token);
        pointer = k + 1;
        body = [sp < 0 ? '' : raw.slice(sp + 1)];
        continue;
      }
      if (!bracketTag(t, KUBE_BENCH_TAGS)) {
        if (target) body.push(raw);
        else if (t !== '') unmatched.add(i, t);
        continue;
      }
      flushRemediation();
    }
    if (t.length === 0) continue;
    if (raw.charCodeAt(0) === 9 && mode === 'results') {
      if (current && current.status === 'FAIL')
        current.details.push(raw.slice(raw.charCodeAt(1) === 32 ? 2 : 1));
      else noiseAt(i, t);
      continue;
    }
    const tag = bracketTag(t, KUBE_BENCH_TAGS);
    if (!tag || GLOG.test(t)) {
      noiseAt(i, t);
      continue;
    }
    const rest = t.slice(6).trim();
    const sp = rest.search(/\s/);
    const id = sp < 0 ? rest : rest.slice(0, sp);
    const text = sp < 0 ? '' : rest.slice(sp + 1).trim();
    if (id === '') {
      noiseAt(i, t);
      continue;
    }
    mode = 'results';
    const isInfo = tag === 'INFO';
    if (isInfo && /^\d+$/.test(id) && !(lastTagWasHeader && block && block.id === id)) {
      const heading = `${id} ${text}`;
      const repeated = (blockByHeading.get(heading)?.findings.length ?? 0) > 0;
      if (sawTotal || repeated) {
        runs++;
        runStart = i;
        blocks = [];
        blockByHeading = new Map();
        findings = [];
        printedTitles = new Map();
        total = undefined;
        sawTotal = false;
      }
      block = newBlock(id, text, i + 1);
      blocks.push(block);
      blockByHeading.set(heading, block);
      if (!printedTitles.has(`#${id}`)) printedTitles.set(`#${id}`, text);
      group = undefined;
      current = undefined;
      lastTagWasHeader = true;
      continue;
    }
    lastTagWasHeader = false;
    if (
      isInfo &&
      NUMERIC_ID.test(id) &&
      !CHECK_SUFFIX.test(text) &&
      (group === undefined || !id.startsWith(`${group}.`))
    ) {
      ensureBlock(id, i + 1);
      group = id;
      if (!printedTitles.has(`#${id}`)) printedTitles.set(`#${id}`, text);
      current = undefined;
      continue;
    }
    const b = ensureBlock(id, i + 1);
    const clean = cleanTitle(text);
    const section = b.id || (NUMERIC_ID.test(id) ? sectionOf(id) : '');
    const finding = newFinding(id, clean, tag, aquasecOutcome(tag), section, i + 1);
    if (group !== undefined) finding.group = group;
    b.findings.push(finding);
    findings.push(finding);
    if (!printedTitles.has(id)) printedTitles.set(id, text);
    current = finding;
  }
  flushRemediation();

  for (const b of blocks) {
    if (b.nodeType === undefined) continue;
    for (const f of b.findings) f.nodeType = b.nodeType;
  }
  if (runs > 1) {
    diagnostics.push({
      code: 'several-runs',
      line: runStart + 1,
      severity: 'info',
      message: `This text holds ${runs} kube-bench runs one after another; the last one, from line ${runStart + 1}, is shown.`,
    });
  }
  const skippedNote = skippedLinesDiagnostic(skipped, 'log messages, prompts or notes');
  if (skippedNote) diagnostics.push(skippedNote);
  if (unmatched.count > 0) {
    diagnostics.push({
      code: 'unmatched-remediations',
      line: unmatched.first,
      severity: 'warning',
      message: `${plural(unmatched.count, 'line')} under "== Remediations ==" could not be tied to a failed or manual check of that section (the first is line ${unmatched.first}).`,
    });
  }
  const result: KubeReadResult = {
    blocks,
    findings,
    printedTitles,
    sawTotal,
    oldLayout,
    runs,
    runStart,
    diagnostics,
  };
  if (total) result.total = total;
  return result;
}
