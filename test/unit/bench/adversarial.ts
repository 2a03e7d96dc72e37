/**
 * Inputs shaped to make a benchmark reader slow: one or more per regular expression of src/lib/bench and per
 * scanning loop. `make(scale)` returns about 25 KB at scale 1 and grows linearly with scale. Shapes that attack
 * a pattern within one line make that line longer with the scale (up to the readers' 10,000-character line
 * limit), so work that is quadratic in a line's length shows as well as work quadratic in the line count.
 * Patterns that run on JSON strings, which have no such limit, get strings that grow with the scale uncapped.
 * The linearity test compares scale 1 with scale 8; `npm run bench` times each shape at 200 KB and larger.
 * (The patterns of checkSetOrder.ts and of the fingerprint tables read only the catalog's own data.)
 */
export interface AdversarialShape {
  name: string;
  /** The patterns or loops the shape attacks. */
  targets: string;
  make: (scale: number) => string;
}

const UNIT = 25_000;

/** `line` repeated, one per line, until the text is about `UNIT * scale` characters long. */
function lines(scale: number, line: string): string {
  return `${line}\n`.repeat(Math.max(1, Math.ceil((UNIT * scale) / (line.length + 1))));
}

/** How long a line of a shape is at `scale`: 1,200 characters a scale step, at most 9,600. */
const lineLength = (scale: number) => Math.min(1200 * scale, 9600);

/** Lines of `make(length)`, each longer at a larger scale. */
function longLines(scale: number, make: (length: number) => string): string {
  return lines(scale, make(lineLength(scale)));
}

const DBS = '# Docker Bench for Security v1.6.0\n[INFO] 1 - Host Configuration\n';
const AQUA =
  '[INFO] 20.10 CIS Docker Community Edition Benchmark\n[INFO] 1 Host Configuration\n[FAIL] 1.1.1 Ensure a separate partition for containers has been created (Manual)\n';
const KUBE =
  '[INFO] 4 Worker Node Security Configuration\n[INFO] 4.1 Worker Node Configuration Files\n[FAIL] 4.1.1 Ensure that the kubelet service file permissions are set to 600 or more restrictive (Automated)\n';
const sp = (n: number) => ' '.repeat(n);
const TRIVY_TABLE =
  'Summary Report for compliance: x\n\u2502 ID \u2502 Severity \u2502 Control Name \u2502 Compliance \u2502\n';

/**
 * Every key the compliance-report sniffer looks for, one a line, each followed by spaces and then no colon; the
 * sniffer reads the first 200 KB, so at scale 8 the text just fits in it.
 */
const complianceKeys = (scale: number) =>
  [
    'summaryDetails',
    'kubescapeVersion',
    'frameworks',
    'controlID',
    'SummaryControls',
    'RelatedResources',
    'Results',
  ]
    .map((key) => `"${key}"${sp((UNIT * scale) / 9)}x\n`)
    .join('') +
  `"kind"${sp((UNIT * scale) / 18)}:${sp((UNIT * scale) / 18)}"ClusterComplianceRepor"`;

export const ADVERSARIAL_SHAPES: AdversarialShape[] = [
  {
    name: 'blank lines then x',
    targets: 'format sniffing (the flat-JSON key test that was /^\\s*"/m)',
    make: (s) => `${'\n'.repeat(UNIT * s)}x`,
  },
  {
    name: 'blank lines and spaces then a quote',
    targets: 'format sniffing',
    make: (s) => `${' \n'.repeat((UNIT * s) / 2)}"`,
  },
  {
    name: 'flat-JSON key lines that fail at the end',
    targets: 'sniff FLAT_JSON_KEY',
    make: (s) => longLines(s, (n) => `"1.1"${sp(n / 2)}:${sp(n / 2)}"X`),
  },
  {
    name: '"result" followed by spaces',
    targets: 'sniff JSON field tests',
    make: (s) => longLines(s, (n) => `"result"${sp(n)}x "test_number"${sp(n)}x`),
  },
  {
    name: 'tagged lines with long ids and no dash',
    targets: 'sniff DBS_RESULT and AQUA_RESULT',
    make: (s) => longLines(s, (n) => `[INFO] ${'1.'.repeat(n / 4)}${sp(n / 2)}x`),
  },
  {
    name: 'summary headers made of equals signs',
    targets: 'sniff SUMMARY_HEADER, kube REMEDIATIONS/SUMMARY, aquasecurity /=+/',
    make: (s) => KUBE + longLines(s, (n) => `== Summary ${'='.repeat(n)}x`),
  },
  {
    name: 'count lines with trailing spaces',
    targets: 'SUMMARY_COUNT, aquasecurity SUMMARY, kube COUNT',
    make: (s) => AQUA + longLines(s, (n) => `999999999 checks PASS${sp(n)}x`),
  },
  {
    name: 'kube-bench marker prefixes',
    targets: 'sniff KUBE_MARKERS, mayBeKubeBench',
    make: (s) => lines(s, '== Summary mast'),
  },
  {
    name: 'lines that start like a stop message',
    targets: 'DBS_FATAL, AQUA_FATAL, DAEMON_UNREACHABLE, PROGRAM_MISSING, aquasecurity FATAL',
    make: (s) => lines(s, 'Error connecting to docker daemo Version check faile'),
  },
  {
    name: 'docker-bench-security results with long ids and no dash',
    targets: 'dbs RESULT, title leading id',
    make: (s) => DBS + longLines(s, (n) => `[WARN] ${'1.'.repeat(n / 4)}${sp(n / 2)}\u2028`),
  },
  {
    name: 'docker-bench-security titles that start with a long id',
    targets: 'cleanTitle leading id',
    make: (s) => DBS + longLines(s, (n) => `[WARN] 5.10 - ${'1.'.repeat(n / 4)}${sp(n / 2)}`),
  },
  {
    name: 'footer-like lines',
    targets: 'dbs FOOTER_NUMBER',
    make: (s) => DBS + longLines(s, (n) => `[INFO] Checks:${sp(n / 2)}123456789${sp(n / 2)}x`),
  },
  {
    name: 'banner lines',
    targets: 'dbs BANNER_VERSION, BANNER_CIS, benchmarkFromCisLine',
    make: (s) =>
      longLines(
        s,
        (n) =>
          `# Docker Bench for Security v${'1.'.repeat(n / 8)}\n# Based on the CIS Docker ${'Benchmark '.repeat(n / 40)}v`
      ),
  },
  {
    name: 'skipping-section details',
    targets: 'dbs /skipping section\\s+\\S+/',
    make: (s) => DBS + longLines(s, (n) => `[INFO]      * skipping section${sp(n)}`),
  },
  {
    name: 'checks without an id',
    targets: 'dbs /^Ensure\\s/, one diagnostic for repeated lines',
    make: (s) => DBS + lines(s, '[WARN] Ensure something'),
  },
  {
    name: 'shell errors between results',
    targets: 'audit error patterns on stray lines, NOT_FOUND, BAD_OPTION',
    make: (s) =>
      DBS +
      longLines(
        s,
        (n) =>
          `/bin/sh: 1: ${'a'.repeat(n / 4)} not found${sp(n / 4)}x\n${'stat'.repeat(n / 16)}: illegal option${sp(n / 4)}\n[WARN] 3.1 - Ensure x`
      ),
  },
  {
    name: 'docker CLI errors in audit output',
    targets:
      'DAEMON_DENIED, DAEMON_DOWN, NOTHING_TO_INSPECT, NO_SUCH_OBJECT, PANIC, TEMPLATE, XARGS_WARNING',
    make: (s) =>
      AQUA +
      longLines(
        s,
        (n) =>
          `\t permission denied while trying to connect to the docker ${'x'.repeat(n / 8)}\n\t template: ${':'.repeat(n / 8)}x\n\t goroutine ${'1'.repeat(n / 8)}\n\t Error: No such ${'o'.repeat(n / 8)}\n\t xargs: warning: options --max-args ${sp(n / 8)}`
      ),
  },
  {
    name: 'remediation entries that look like audit output',
    targets: 'aquasecurity REMEDIATION_START, audit output in remediations',
    make: (s) =>
      `${AQUA}\n== Remediations ==\n${longLines(s, (n) => `1.1.1 /bin/sh: line 1: ${'b'.repeat(n / 2)}: command not found${sp(n / 4)}\u2028`)}`,
  },
  {
    name: 'aquasecurity results with a line separator after spaces',
    targets: 'aquasecurity LINE',
    make: (s) => AQUA + longLines(s, (n) => `[FAIL] 1.1 ${sp(n)}\u2028`),
  },
  {
    name: 'many findings with one id and a remediation each',
    targets: 'aquasecurity and dbs remediation cursors',
    make: (s) =>
      `${AQUA}${'[FAIL] 5.12 Ensure x (Manual)\n'.repeat((UNIT * s) / 60)}\n== Remediations ==\n${'5.12 fix\n'.repeat((UNIT * s) / 20)}`,
  },
  {
    name: 'docker-bench-security Section B with one id',
    targets: 'dbs Section B remediation cursor',
    make: (s) =>
      `${DBS}Section A - Check results\n${'[WARN] 5.12 - Ensure x\n'.repeat((UNIT * s) / 50)}Section B - Remediation measures\n${'[WARN] 5.12 - fix\n'.repeat((UNIT * s) / 40)}`,
  },
  {
    name: 'escape sequences without an end',
    targets: 'normalise ESCAPE, CARET_ESCAPE, BARE_SGR, CONTROL_PICTURES',
    make: (s) =>
      longLines(
        s,
        (n) =>
          `\x1b[${';'.repeat(n / 8)}\x1b]${'x'.repeat(n / 8)}^[[${';'.repeat(n / 8)}\u241b[${'1;'.repeat(n / 16)}`
      ),
  },
  {
    name: 'kube-bench suffix-like parentheses',
    targets: 'kube CHECK_SUFFIX, kubeTitleKey SUFFIX, cleanTitle',
    make: (s) => KUBE + longLines(s, (n) => `[INFO] 4.2 ${'(manual) '.repeat(n / 9)}x`),
  },
  {
    name: 'kube-bench glog-like lines',
    targets: 'kube GLOG',
    make: (s) => KUBE + longLines(s, (n) => `[INFO] I0101 00:00:00.${'0'.repeat(n)} x`),
  },
  {
    name: 'kube-bench long numeric ids',
    targets: 'kube NUMERIC_ID, /^\\d+$/, /\\s/',
    make: (s) => KUBE + longLines(s, (n) => `[WARN] ${'1.'.repeat(n / 2)}x`),
  },
  {
    name: 'kube-bench titles of an unknown benchmark',
    targets: 'kube-bench legacy-layout test /anonymous-auth|basic-auth-file/, benchmark detection',
    make: (s) =>
      `[INFO] 1 Master Node Security Configuration\n[INFO] 1.1 API Server\n${longLines(s, (n) => `[FAIL] 1.1.1 ${'anonymous-aut basic-auth-fil '.repeat(n / 29)}`)}`,
  },
  {
    name: 'log lines before a kube-bench JSON document',
    targets: 'kube JSON /^[ \\t]*[{[]/m',
    make: (s) =>
      `{"node_type": "x", "test_number": "1"}\n${longLines(s * 0.8, (n) => `${sp(n)}x`)}{"Controls": []}`,
  },
  {
    name: 'kube-bench JSON version fields',
    targets: 'kubeBenchmarkId, familyOf, isKnownKubeFolder',
    make: (s) =>
      `{"Controls": [${`{"id": "1", "node_type": "master", "version": "${'a-'.repeat(s * 300)}cis-${'1.'.repeat(s * 300)}x", "tests": []},`.repeat(20)}]}`,
  },
  {
    name: 'unclosed JUnit testcases',
    targets: 'JUnit tag scanner',
    make: (s) =>
      `<testsuites><testsuite name="Worker Node Security Configuration">\n${'<testcase name="4.1.1 x" \n'.repeat((UNIT * s) / 26)}`,
  },
  {
    name: 'JUnit attribute-name runs',
    targets: 'JUnit attributes',
    make: (s) =>
      `<testsuites>\n<testsuite name="Worker Node Security Configuration">\n<testcase name="4.1.1 x">\n${longLines(s, (n) => `<testsuite ${'a'.repeat(n)} name="x" ${'b='.repeat(n / 8)}>`)}`,
  },
  {
    name: 'JUnit character references',
    targets: 'JUnit ENTITY',
    make: (s) =>
      `<testsuites><testsuite name="Worker Node Security Configuration">\n<testcase name="4.1.1 x">\n<failure>${longLines(s, (n) => `${'&#x'.repeat(n / 6)}${'&#1'.repeat(n / 6)}`)}</failure></testcase></testsuite></testsuites>`,
  },
  {
    name: 'JSON words that almost are numbers',
    targets: 'tolerantJson number and \\u escape tests',
    make: (s) => `{"tests": [${'1'.repeat(UNIT * s)}e, "\\u12", ${'-1.'.repeat(UNIT * s)}x]}`,
  },
  {
    name: 'flat JSON with long details',
    targets: 'dbs JSON CHECK_ID, STATUS, /: {2,}/',
    make: (s) =>
      `{"dockerbenchsecurity": "1.3.4", ${`"1.1.${'1'.repeat(40)}": "WARN: ${': '.repeat(s * 200)}x", "details": "a:${sp(s * 400)}b",`.repeat(20)}"checks": 1}`,
  },
  {
    name: 'Markdown fence lines',
    targets: 'FENCE_LINE',
    make: (s) => `${longLines(s, (n) => `\`\`\`${'x'.repeat(n)}`)}{"result": "WARN"}`,
  },
  {
    name: 'compliance JSON keys without a colon',
    targets: 'compliance KUBESCAPE_JSON, TRIVY_SUMMARY_JSON, TRIVY_ALL_JSON, OPERATOR_JSON',
    make: (s) => `{\n${complianceKeys(s)}`,
  },
  {
    name: 'compliance JSON keys without a colon after a kubescape and a Trivy key',
    targets: 'compliance KUBESCAPE_FRAMEWORKS, TRIVY_RESULTS (tried once the first key is found)',
    make: (s) => `{"kubescapeVersion": "v3", "RelatedResources": [],\n${complianceKeys(s)}`,
  },
  {
    name: 'trivy-operator YAML kind lines with something after the kind',
    targets: 'compliance OPERATOR_YAML',
    make: (s) => longLines(s, (n) => `- ${sp(n / 2)}kind:${sp(n / 2)}"ClusterComplianceReport" x`),
  },
  {
    name: 'Trivy table headers without their last bar',
    targets: 'compliance TABLE_HEADER',
    make: (s) =>
      longLines(
        s,
        (n) =>
          `\u2502${sp(n / 4)}ID${sp(n / 4)}\u2502 Severity \u2502 Control Name${sp(n / 2)}x\n| ID |${sp(n / 4)}Severity${sp(n / 4)}| Control Name${sp(n / 2)}x`
      ),
  },
  {
    name: 'Trivy table border lines that fail at the end',
    targets: 'trivyTable BORDER',
    make: (s) =>
      `${TRIVY_TABLE}${longLines(s, (n) => `${'\u2500\u253c'.repeat(n / 4)}${sp(n / 2)}x\n${'-|'.repeat(n / 4)}${sp(n / 2)}x`)}`,
  },
  {
    name: 'Trivy table elisions and cells that fail at the end',
    targets: 'trivyTable ELISION, CONTROL_ID, PERCENT',
    make: (s) =>
      `${TRIVY_TABLE}${longLines(s, (n) =>
        [
          `[${sp(n / 4)}${'.'.repeat(n / 4)}${sp(n / 2)}x`,
          `(${sp(n / 4)}${'.'.repeat(n / 4)}${sp(n / 2)}x`,
          `<${sp(n / 2)}snip${sp(n / 2)}x`,
          `\u2502 [${sp(n / 4)}${'.'.repeat(n / 4)}${sp(n / 4)}x \u2502 ${'1.'.repeat(n / 8)}x \u2502`,
          `\u2502 1.1 \u2502 HIGH \u2502 Ensure x \u2502 99.9${sp(n / 2)}% \u2502`,
        ].join('\n')
      )}`,
  },
  {
    name: 'Trivy report titles that almost name a spec',
    targets: 'trivySpecs titles (Pod Security Standards\\W+...)',
    make: (s) =>
      `{"SummaryControls": [], "Title": "Pod Security Standards${'-'.repeat((UNIT * s) / 2)}x Pod Security Standards${sp((UNIT * s) / 2)}x"}`,
  },
  {
    name: 'Trivy docker-cis report titles with spaces after the version',
    targets: 'trivySpecs DOCKER_TITLE_VERSION and the docker-cis title',
    make: (s) =>
      `{"SummaryControls": [], "Title": "CIS Docker Community Edition Benchmark v1.1.0${sp(UNIT * s)}x"}`,
  },
  {
    name: 'kubescape controls with CIS names and ids that fail at the end',
    targets:
      'kubescape NAME_ID, CONTROL_ID, OPERATOR_INFO, status info /\\s+/g, framework-name and version tests',
    make: (s) => {
      const n = 1200 * s;
      const controls = Array.from(
        { length: 20 },
        (_, i) =>
          `"C-${i}": {"controlID": "CIS-v1.23-${'1.'.repeat(n / 16)}x", "name": "CIS-1.2.3${sp(n / 2)}${'x'.repeat(n / 4)}\\ny", "statusInfo": {"status": "skipped", "info": "${'host-sca '.repeat(n / 72)}${sp(n / 8)}x"}}`
      ).join(', ');
      return `{"clientVersion": "v${'1.'.repeat(n / 16)}", "summaryDetails": {"frameworks": [{"name": "cis-eks-t${'1.'.repeat(n / 16)}x", "controls": {${controls}}}]}, "results": []}`;
    },
  },
  {
    name: 'a real docker-bench-security run repeated',
    targets: 'the whole docker-bench-security text reader',
    make: (s) =>
      `${DBS}${'[WARN] 5.10 - Ensure that the memory usage for containers is limited (Automated)\n[WARN]      * Container running without memory restrictions: web\n'.repeat((UNIT * s) / 140)}`,
  },
];
