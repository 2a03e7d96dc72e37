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
