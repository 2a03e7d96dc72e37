import type { Finding, PrintedTotals } from './types';
import { aquasecOutcome, cleanTitle, sectionOf } from './title';
import { field, isContainer, scalarText, scanJson, type JsonContainer } from './tolerantJson';
import { nodeTypeFromHeading, type KubeBlock, type KubeReadResult } from './kubeBenchText';

/** What the JSON and JUnit readers add to the text reader's result. */
export interface KubeStructuredResult extends KubeReadResult {
  /** Every container that holds the run was closed (nothing cut off). */
  whole: boolean;
  /** The JSON "version" field (benchmark folder, e.g. "cis-1.20"), most common value. */
  version?: string;
  /** Which of the documented JSON shapes was read. */
  shape?: 'controls-and-totals' | 'array' | 'objects-per-line';
}

const TOTAL_KEYS: [keyof PrintedTotals, string][] = [
  ['pass', 'total_pass'],
  ['fail', 'total_fail'],
  ['warn', 'total_warn'],
  ['info', 'total_info'],
];

function totalsOf(o: JsonContainer): PrintedTotals | undefined {
  const p: PrintedTotals = {};
  for (const [name, key] of TOTAL_KEYS) {
    const t = scalarText(field(o, key));
    if (t !== undefined && Number.isFinite(Number(t))) p[name] = Number(t);
  }
  return Object.keys(p).length > 0 ? p : undefined;
}

function emptyResult(): KubeStructuredResult {
  return {
    blocks: [],
    findings: [],
    printedTitles: new Map(),
    sawTotal: false,
    oldLayout: false,
    runs: 1,
    runStart: 0,
    diagnostics: [],
    whole: false,
  };
}

interface CheckFields {
  id: string;
  text: string;
  status: string;
  type?: string;
  reason?: string;
  remediation?: string;
  actual?: string;
  scored?: string;
}

function toFinding(
  c: CheckFields,
  block: KubeBlock,
  groupId: string | undefined,
  line: number
): Finding {
  const clean = cleanTitle(c.text);
  const tag = c.status.toUpperCase();
  const skipped = tag === 'INFO' && (c.type === 'skip' || c.reason === 'Test marked as skip');
  const finding: Finding = {
    id: c.id,
    title: clean.title,
    status: tag,
    outcome: skipped ? 'skip' : aquasecOutcome(tag),
    section: block.id || sectionOf(c.id),
    details: [],
    line,
  };
  if (c.scored === 'true' || c.scored === 'false') finding.scored = c.scored === 'true';
  else if (clean.scored !== undefined) finding.scored = clean.scored;
  if (groupId !== undefined) finding.group = groupId;
  if (block.nodeType !== undefined) finding.nodeType = block.nodeType;
  if (c.remediation) finding.remediation = c.remediation.trim();
  if (c.reason) {
    if (/^failed to run/.test(c.reason)) finding.auditError = c.reason;
    else finding.details.push(c.reason);
  }
  if (c.actual) finding.details.push(c.actual);
  return finding;
}

function addFinding(
  r: KubeStructuredResult,
  block: KubeBlock,
  f: Finding,
  printedTitle: string
): void {
  block.findings.push(f);
  r.findings.push(f);
  if (!r.printedTitles.has(f.id)) r.printedTitles.set(f.id, printedTitle);
}

function readControls(
  r: KubeStructuredResult,
  c: JsonContainer,
  versions: Map<string, number>
): boolean {
  const id = scalarText(field(c, 'id')) ?? '';
  const title = scalarText(field(c, 'text')) ?? '';
  const block: KubeBlock = {
    id,
    title,
    line: c.line,
    nodeTypePrinted: false,
    findings: [],
    sawSummary: false,
    sawRemediations: false,
    emptyRemediations: 0,
  };
  const type = scalarText(field(c, 'node_type'));
  if (type) {
    block.nodeType = type;
    block.nodeTypePrinted = true;
  } else {
    const guessed = nodeTypeFromHeading(title, id);
    if (guessed) block.nodeType = guessed;
  }
  const version = scalarText(field(c, 'version'));
  if (version) versions.set(version, (versions.get(version) ?? 0) + 1);
  const printed = totalsOf(c);
  if (printed) {
    block.printed = printed;
    block.sawSummary = true;
  }
  r.blocks.push(block);
  if (id && title && !r.printedTitles.has(`#${id}`)) r.printedTitles.set(`#${id}`, title);
  let whole = c.closed;
  const tests = field(c, 'tests');
  if (isContainer(tests)) {
    whole &&= tests.closed;
    for (const g of tests.entries) {
      const group = g.value;
      if (!isContainer(group)) continue;
      const groupId = scalarText(field(group, 'section'));
      const desc = scalarText(field(group, 'desc'));
      if (groupId && desc && !r.printedTitles.has(`#${groupId}`))
        r.printedTitles.set(`#${groupId}`, desc);
      const results = field(group, 'results');
      if (!isContainer(results)) continue;
      for (const e of results.entries) {
        const o = e.value;
        if (!isContainer(o)) continue;
        const checkId = scalarText(field(o, 'test_number'));
        const status = scalarText(field(o, 'status'));
        if (checkId === undefined || status === undefined) continue;
        const info = field(o, 'test_info');
        const fields: CheckFields = {
          id: checkId,
          text: scalarText(field(o, 'test_desc')) ?? '',
          status,
        };
        const optional: [keyof CheckFields, string | undefined][] = [
          ['type', scalarText(field(o, 'type'))],
          ['reason', scalarText(field(o, 'reason'))],
          [
            'remediation',
            scalarText(field(o, 'remediation')) ||
              (isContainer(info) ? scalarText(info.entries[0]?.value) : undefined),
          ],
          ['actual', scalarText(field(o, 'actual_value'))],
          ['scored', scalarText(field(o, 'scored'))],
        ];
        for (const [k, v] of optional) if (v) fields[k] = v;
        addFinding(r, block, toFinding(fields, block, groupId, o.line), fields.text);
      }
    }
  }
  return whole;
}

function collect(
  c: JsonContainer,
  depth: number,
  controls: JsonContainer[],
  totals: JsonContainer[]
): void {
  if (depth > 4) return;
  for (const e of c.entries) {
    const v = e.value;
    if (!isContainer(v)) continue;
    if (v.kind === 'object' && e.key === 'Totals') totals.push(v);
    else if (
      v.kind === 'object' &&
      (field(v, 'node_type') !== undefined ||
        (field(v, 'tests') !== undefined && field(v, 'id') !== undefined))
    )
      controls.push(v);
    else collect(v, depth + 1, controls, totals);
  }
}

/** Reads kube-bench `--json` output: `{"Controls":[…],"Totals":{…}}`, a bare array (`--nototals`, v0.3.1–v0.4.x) or one object per line (≤ v0.3.0). */
export function parseKubeBenchJson(text: string): KubeStructuredResult {
  const r = emptyResult();
  const start = text.search(/^[ \t]*[{[]/m);
  const scan = scanJson(start > 0 ? text.slice(start) : text);
  const offset = start > 0 ? countLines(text, start) : 0;
  const controls: JsonContainer[] = [];
  const totals: JsonContainer[] = [];
  collect(scan.root, 0, controls, totals);
  const top = scan.root.entries.filter((e) => isContainer(e.value));
  const first = top[0]?.value as JsonContainer | undefined;
  if (first && first.kind === 'object' && field(first, 'Controls') !== undefined)
    r.shape = 'controls-and-totals';
  else if (first && first.kind === 'array') r.shape = 'array';
  else if (top.length > 1) r.shape = 'objects-per-line';
  const versions = new Map<string, number>();
  let whole = controls.length > 0 || totals.length > 0;
  for (const c of controls) whole = readControls(r, c, versions) && whole;
  for (const e of top) if (isContainer(e.value)) whole &&= e.value.closed;
  const t = totals[0] ? totalsOf(totals[0]) : undefined;
  if (t) {
    r.total = t;
    r.sawTotal = true;
  }
  if (r.shape === 'controls-and-totals' && !r.sawTotal) whole = false;
  r.whole = whole;
  let best = 0;
  for (const [v, n] of versions) {
    if (n > best) {
      best = n;
      r.version = v;
    }
  }
  if (versions.size > 1) {
    r.diagnostics.push({
      severity: 'info',
      message: `The sections name different "version" values (${[...versions.keys()].join(', ')}); the most common one, ${r.version as string}, is used.`,
    });
  }
  if (offset > 0) {
    for (const f of r.findings) f.line += offset;
    for (const b of r.blocks) b.line += offset;
    r.diagnostics.push({
      severity: 'info',
      line: 1,
      message: `${offset} line${offset === 1 ? '' : 's'} of log messages before the JSON ${offset === 1 ? 'was' : 'were'} skipped.`,
    });
  }
  if (scan.problemCount > 0) {
    const p = scan.problems[0];
    r.diagnostics.push({
      ...(p ? { line: p.line + offset } : {}),
      severity: 'warning',
      message: `The JSON is not valid in ${scan.problemCount} place${scan.problemCount === 1 ? '' : 's'}${p ? `; the first, line ${p.line + offset}: ${p.message}` : ''}. What could be read is shown.`,
    });
  }
  return r;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the XML character references Go's encoding/xml writes (&#34; &#xA; &lt; ...). */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(
    ENTITY,
    (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name] as string;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
  );
}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:-]+)\s*=\s*"([^"]*)"/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.set(m[1] as string, unescapeXml(m[2] as string));
  return out;
}

function embeddedCheck(json: string): Partial<Record<string, string>> {
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== 'object' || v === null) return {};
    const out: Partial<Record<string, string>> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number')
        out[k] = String(x);
    }
    return out;
  } catch {
    return {};
  }
}

/** Reads kube-bench `--junit` XML with a small tag scanner: testsuite → testcase → failure / skipped / system-out. */
export function parseKubeBenchJunit(text: string): KubeStructuredResult {
  const r = emptyResult();
  const tag = /<(\/?)(testsuites|testsuite|testcase|failure|skipped|system-out)\b([^>]*?)(\/?)>/g;
  let line = 1;
  let scanned = 0;
  const lineAt = (pos: number) => {
    for (let i = text.indexOf('\n', scanned); i >= 0 && i < pos; i = text.indexOf('\n', i + 1))
      line++;
    scanned = Math.max(scanned, pos);
    return line;
  };
  let block: KubeBlock | undefined;
  let testcase:
    | {
        name: string;
        group: string;
        line: number;
        failure?: string;
        skipped: boolean;
        out?: string;
      }
    | undefined;
  let openSuites = 0;
  let sawWrapperEnd = false;
  const finish = () => {
    if (!testcase || !block) return;
    const name = testcase.name.trim();
    const sp = name.indexOf(' ');
    const id = sp < 0 ? name : name.slice(0, sp);
    const data = testcase.out ? embeddedCheck(testcase.out) : {};
    const status =
      data.status ??
      (testcase.failure !== undefined ? 'FAIL' : testcase.skipped ? 'SKIPPED' : 'PASS');
    if (block.id === '' && /^\d/.test(id)) block.id = sectionOf(id);
    const fields: CheckFields = {
      id: data.test_number ?? id,
      text: data.test_desc ?? (sp < 0 ? '' : name.slice(sp + 1)),
      status,
    };
    const remediation = data.remediation || testcase.failure;
    const optional: [keyof CheckFields, string | undefined][] = [
      ['type', data.type],
      ['reason', data.reason],
      ['remediation', remediation],
      ['actual', data.actual_value],
      ['scored', data.scored],
    ];
    for (const [k, v] of optional) if (v) fields[k] = v;
    const f = toFinding(fields, block, testcase.group || undefined, testcase.line);
    if (status === 'SKIPPED') f.outcome = 'skip';
    addFinding(r, block, f, fields.text);
    testcase = undefined;
  };
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const closing = m[1] === '/';
    const name = m[2] as string;
    const selfClosing = m[4] === '/';
    const at = lineAt(m.index);
    if (name === 'testsuites') {
      if (closing) sawWrapperEnd = true;
      continue;
    }
    if (name === 'testsuite') {
      finish();
      if (closing) {
        openSuites = Math.max(0, openSuites - 1);
        continue;
      }
      const a = attributes(m[3] as string);
      const title = a.get('name') ?? '';
      block = {
        id: '',
        title,
        line: at,
        nodeTypePrinted: false,
        findings: [],
        sawSummary: false,
        sawRemediations: false,
        emptyRemediations: 0,
      };
      const type = nodeTypeFromHeading(title, '');
      if (type) block.nodeType = type;
      const tests = Number(a.get('tests'));
      const failures = Number(a.get('failures'));
      if (Number.isFinite(tests) && Number.isFinite(failures)) {
        block.printed = { checks: tests, fail: failures };
        block.sawSummary = true;
      }
      r.blocks.push(block);
      if (!selfClosing) openSuites++;
      continue;
    }
    if (name === 'testcase') {
      finish();
      if (closing) continue;
      const a = attributes(m[3] as string);
      if (!block) {
        block = {
          id: '',
          title: '',
          line: at,
          nodeTypePrinted: false,
          findings: [],
          sawSummary: false,
          sawRemediations: false,
          emptyRemediations: 0,
        };
        r.blocks.push(block);
      }
      testcase = {
        name: a.get('name') ?? '',
        group: a.get('classname') ?? '',
        line: at,
        skipped: false,
      };
      if (selfClosing) finish();
      continue;
    }
    if (!testcase || closing) continue;
    if (name === 'skipped') {
      testcase.skipped = true;
      continue;
    }
    if (selfClosing) {
      if (name === 'failure') testcase.failure = '';
      continue;
    }
    const end = text.indexOf(`</${name}>`, tag.lastIndex);
    const content = unescapeXml(text.slice(tag.lastIndex, end < 0 ? text.length : end));
    if (name === 'failure') testcase.failure = content.trim();
    else testcase.out = content.trim();
    // Without its closing tag the content runs to the end, and nothing after it can be a tag of this case.
    tag.lastIndex = end >= 0 ? end : text.length;
  }
  const cut = testcase !== undefined || openSuites > 0;
  finish();
  for (const b of r.blocks) {
    if (b.id === '' && b.findings[0]) b.id = b.findings[0].section;
  }
  r.whole = r.blocks.length > 0 && !cut && (sawWrapperEnd || !/<testsuites\b/.test(text));
  return r;
}
