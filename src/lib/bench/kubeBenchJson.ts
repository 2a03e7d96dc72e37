import { invalidJsonDiagnostic, plural } from './diagnostics';
import type { PrintedTotals } from './types';
import { field, isContainer, scalarText, scanJson, type JsonContainer } from './tolerantJson';
import { nodeTypeFromHeading, type KubeBlock } from './kubeBenchText';
import {
  addFinding,
  emptyResult,
  toFinding,
  type CheckFields,
  type KubeStructuredResult,
} from './kubeBenchStructured';

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
      code: 'versions-differ',
      severity: 'info',
      message: `The sections name different "version" values (${[...versions.keys()].join(', ')}); the most common one, ${r.version as string}, is used.`,
    });
  }
  if (offset > 0) {
    for (const f of r.findings) f.line += offset;
    for (const b of r.blocks) b.line += offset;
    r.diagnostics.push({
      code: 'log-lines-before-json',
      severity: 'info',
      line: 1,
      message: `${plural(offset, 'line')} of log messages before the JSON ${offset === 1 ? 'was' : 'were'} skipped.`,
    });
  }
  const invalid = invalidJsonDiagnostic(scan, r.findings.length, offset);
  if (invalid) r.diagnostics.push(invalid);
  return r;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
