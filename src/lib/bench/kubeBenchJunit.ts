import { sectionOf } from './title';
import { nodeTypeFromHeading, type KubeBlock } from './kubeBenchText';
import {
  addFinding,
  emptyResult,
  toFinding,
  type CheckFields,
  type KubeStructuredResult,
} from './kubeBenchStructured';

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

const TAG_NAMES = new Set([
  'testsuites',
  'testsuite',
  'testcase',
  'failure',
  'skipped',
  'system-out',
]);

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 58 ||
    c === 46
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Reads name="value" pairs; every step moves forward, so hostile attribute text stays linear. */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    if (!isNameChar(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
    const name = s.slice(start, i);
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 61) continue;
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 34) continue;
    const end = s.indexOf('"', i + 1);
    if (end < 0) break;
    out.set(name, unescapeXml(s.slice(i + 1, end)));
    i = end + 1;
  }
  return out;
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attributes: string;
  start: number;
  /** Index just after the closing ">". */
  end: number;
}

/**
 * Finds the tags the reader needs, one after another. The next ">" is remembered, so a run of unclosed tags
 * does not search to the end of the text once per tag.
 */
function tagScanner(text: string): (from: number) => Tag | undefined {
  let gt = -1;
  return (from: number) => {
    for (let lt = text.indexOf('<', from); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      let i = lt + 1;
      const closing = text.charCodeAt(i) === 47;
      if (closing) i++;
      const nameStart = i;
      while (i < text.length && i - nameStart <= 16 && isNameChar(text.charCodeAt(i))) i++;
      if (!TAG_NAMES.has(text.slice(nameStart, i))) continue;
      if (gt < i) gt = text.indexOf('>', i);
      if (gt < 0) return undefined;
      const selfClosing = text.charCodeAt(gt - 1) === 47 && gt - 1 >= i;
      return {
        name: text.slice(nameStart, i),
        closing,
        selfClosing,
        attributes: text.slice(i, selfClosing ? gt - 1 : gt),
        start: lt,
        end: gt + 1,
      };
    }
    return undefined;
  };
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
  const next = tagScanner(text);
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
  for (let m = next(0); m; m = next(m.end)) {
    const { closing, name, selfClosing } = m;
    const at = lineAt(m.start);
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
      const a = attributes(m.attributes);
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
      const a = attributes(m.attributes);
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
    const end = text.indexOf(`</${name}>`, m.end);
    const content = unescapeXml(text.slice(m.end, end < 0 ? text.length : end));
    if (name === 'failure') testcase.failure = content.trim();
    else testcase.out = content.trim();
    // Without its closing tag the content runs to the end, and nothing after it can be a tag of this case.
    if (end < 0) break;
    m.end = end;
  }
  const cut = testcase !== undefined || openSuites > 0;
  finish();
  for (const b of r.blocks) {
    if (b.id === '' && b.findings[0]) b.id = b.findings[0].section;
  }
  r.whole = r.blocks.length > 0 && !cut && (sawWrapperEnd || !/<testsuites\b/.test(text));
  return r;
}
