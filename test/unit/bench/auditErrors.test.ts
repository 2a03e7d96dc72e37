import { describe, it, expect } from 'vitest';
import { classifyAuditOutput } from '../../../src/lib/bench/auditErrors';
import { parseBenchRun, type AuditErrorCode } from '../../../src/lib/bench/index';

const code = (...lines: string[]) => classifyAuditOutput(lines)?.code;

describe('what an audit printed when it could not run', () => {
  const cases: [AuditErrorCode, string[]][] = [
    [
      'no-daemon-access',
      [
        'Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/json": dial unix /var/run/docker.sock: connect: permission denied',
        'permission denied while trying to connect to the docker API at unix:///var/run/docker.sock',
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
        'error during connect: This error may indicate that the docker daemon is not running.',
      ],
    ],
    [
      'nothing-to-inspect',
      [
        '"docker inspect" requires at least 1 argument.',
        '"docker network inspect" requires at least 1 argument.',
        'Error: No such object: 0123abcd',
        'xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value',
      ],
    ],
    [
      'missing-program',
      [
        '/bin/sh: 1: auditctl: not found',
        '/bin/sh: line 1: auditctl: command not found',
        '/bin/sh: line 3: ausearch: command not found',
        'docker-bench-security.sh: line 150: systemctl: command not found',
        'Command auditctl: not found',
        'Failed to inspect: auditctl command not found.',
        "System has not been booted with systemd as init system (PID 1). Can't operate.",
      ],
    ],
    [
      'unsupported-option',
      [
        'stat: illegal option -- c',
        'xargs: illegal option -- r',
        "grep: invalid option -- 'P'",
        'stat: unrecognized option: c',
      ],
    ],
    [
      'docker-cli-crash',
      [
        'panic: reflect: indirection through nil pointer to embedded struct [recovered]',
        'goroutine 1 [running]:',
        'template: :1:13: executing "" at <.Swarm.LocalNodeState>: map has no entry for key "Swarm"',
        'Template parsing error: template: :1: function "json2" not defined',
      ],
    ],
  ];
  for (const [want, lines] of cases) {
    for (const line of lines) {
      it(`${want}: ${line.slice(0, 60)}`, () => {
        const failure = classifyAuditOutput(['', `\t ${line}`, '']);
        expect(failure?.code).toBe(want);
        expect(failure?.reason.length).toBeGreaterThan(10);
      });
    }
  }

  it('names the missing program and the rejected option', () => {
    expect(classifyAuditOutput(['/bin/sh: 1: ausearch: not found'])?.reason).toBe(
      'ausearch is not installed'
    );
    expect(classifyAuditOutput(['stat: illegal option -- c'])?.reason).toMatch(
      /^this stat has no option -c/
    );
    expect(
      classifyAuditOutput(['"docker network inspect" requires at least 1 argument.'])?.reason
    ).toBe('there was no network to inspect');
  });

  it('is not fooled by real results and remediation text', () => {
    const real = [
      "stat: cannot stat '/etc/docker/daemon.json': No such file or directory",
      "stat: cannot statx '/run/containerd/containerd.sock': No such file or directory",
      'grep: /etc/docker/daemon.json: No such file or directory',
      'bridge: map[com.docker.network.bridge.enable_icc:true]',
      'DOCKER_CONTENT_TRUST=',
      'LiveRestoreEnabled=false',
      'File not found',
      'No containers running',
      'Create or import a SELinux policy template for Docker containers.',
      'If the file exists, you should add a rule for it.',
      'root 970 1 0 Nov19 ? 00:00:42 /usr/bin/dockerd -H fd://',
    ];
    for (const line of real) expect(code(line), line).toBeUndefined();
    expect(code()).toBeUndefined();
    // With containers running, the xargs warning comes with what the audit read: a real result.
    expect(
      code(
        'xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value',
        'User=0'
      )
    ).toBeUndefined();
  });

  it('names the cause when one output shows several failures', () => {
    expect(
      code(
        'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
        'panic: reflect: indirection through nil pointer to embedded struct'
      )
    ).toBe('no-daemon-access');
    expect(
      code(
        '"docker inspect" requires at least 1 argument.',
        'Cannot connect to the Docker daemon at x'
      )
    ).toBe('no-daemon-access');
    expect(code('stat: illegal option -- c', '/bin/sh: 1: auditctl: not found')).toBe(
      'missing-program'
    );
  });
});

describe('which finding stray output belongs to in docker-bench-security text', () => {
  const text = [
    '# Docker Bench for Security v1.6.0',
    '[INFO] 3 - Docker daemon configuration files',
    '[PASS] 3.1 - Ensure that the docker.service file ownership is set to root:root (Automated)',
    'stat: illegal option -- c',
    'usage: stat [-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file ...]',
    '[WARN] 3.2 - Ensure that docker.service file permissions are appropriately set (Automated)',
    '[INFO] 5 - Container Runtime',
    '[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)',
    '[WARN]      * Container running without memory restrictions: web',
    'template: :1:13: executing "" at <.HostConfig.Memory>: map has no entry for key "HostConfig"',
    '[WARN]      * Container running without memory restrictions: db',
    '[PASS] 5.12 - Ensure that CPU priority is set appropriately on containers (Automated)',
    'docker-bench-security.sh: line 150: systemctl: command not found',
    '[INFO] 6 - Docker Security Operations',
    '[INFO] 6.1 - Ensure that image sprawl is avoided (Manual)',
  ].join('\n');
  const run = parseBenchRun(text);
  const byId = new Map(run.findings.map((f) => [f.id, f]));

  it('output before a result line belongs to that check, which runs its commands before printing', () => {
    expect(byId.get('3.2')?.auditErrorCode).toBe('unsupported-option');
    expect(byId.get('3.1')?.auditErrorCode).toBeUndefined();
  });

  it("output between a check's detail lines belongs to that check", () => {
    expect(byId.get('5.11')?.auditErrorCode).toBe('docker-cli-crash');
    expect(byId.get('5.12')?.auditErrorCode).toBeUndefined();
  });

  it('output before a section header belongs to no check', () => {
    expect(byId.get('6.1')?.auditErrorCode).toBeUndefined();
    expect(run.diagnostics.find((d) => d.code === 'skipped-lines')?.message).toMatch(
      /systemctl: command not found/
    );
  });

  it('the run says how many results are not meaningful and why', () => {
    const warning = run.diagnostics.find((d) => d.code === 'audit-errors');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/^2 results say nothing about this host/);
    expect(warning?.message).toMatch(/1 where a program lacks an option/);
    expect(warning?.message).toMatch(/1 where the docker CLI crashed/);
  });
});

describe('audit output in aquasecurity/docker-bench runs', () => {
  it('a WARN whose audit failed shows it only under "== Remediations ==": that is not a fix', () => {
    const run = parseBenchRun(
      [
        '[INFO] 20.10 CIS Docker Community Edition Benchmark',
        '[INFO] 1 Host Configuration',
        '[WARN] 1.1.13 Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker (Automated)',
        '',
        '== Remediations ==',
        '1.1.13 /bin/sh: line 1: auditctl: command not found',
        '',
        '== Summary ==',
        '0 checks PASS',
        '0 checks FAIL',
        '1 checks WARN',
        '0 checks INFO',
      ].join('\n')
    );
    const f = run.findings[0];
    expect(f).toMatchObject({
      id: '1.1.13',
      auditErrorCode: 'missing-program',
      details: ['/bin/sh: line 1: auditctl: command not found'],
    });
    expect(f?.remediation).toBeUndefined();
  });

  it('a PASS keeps its pass when error output stands beside it: the tool judged it, so it is not "could not run"', () => {
    const run = parseBenchRun(
      [
        '[INFO] 18.09 CIS Docker Community Edition Benchmark',
        '[INFO] 2 Docker daemon configuration',
        "[PASS] 2.2.a Ensure the logging level is set to 'info' (Scored)",
        '\t /bin/sh: 1: auditctl: not found',
        "[FAIL] 2.2.b Ensure the logging level is set to 'info' (Scored)",
        '\t /bin/sh: 1: auditctl: not found',
      ].join('\n')
    );
    expect(run.findings.map((f) => [f.id, f.outcome, f.auditErrorCode])).toEqual([
      ['2.2.a', 'pass', undefined],
      ['2.2.b', 'fail', 'missing-program'],
    ]);
  });

  it('reads the reason field of the JSON output', () => {
    const run = parseBenchRun(
      JSON.stringify({
        id: '18.09',
        text: 'CIS Docker Community Edition Benchmark',
        tests: [
          {
            section: '5',
            desc: 'Container Runtime Configuration',
            results: [
              {
                test_number: '5.10',
                test_desc: 'Ensure that the memory usage for container is limited (Scored)',
                status: 'FAIL',
                reason:
                  '"docker inspect" requires at least 1 argument.\nSee \'docker inspect --help\'.\n',
                actual_value: '',
              },
              {
                test_number: '5.22',
                test_desc:
                  'Ensure that docker exec commands are not used with the privileged option (Scored)',
                status: 'FAIL',
                actual_value: '/bin/sh: 1: ausearch: not found',
              },
            ],
          },
        ],
        total_pass: 0,
        total_fail: 2,
        total_warn: 0,
        total_info: 0,
      })
    );
    expect(run.findings.map((f) => [f.id, f.auditErrorCode])).toEqual([
      ['5.10', 'nothing-to-inspect'],
      ['5.22', 'missing-program'],
    ]);
    expect(run.diagnostics.some((d) => d.code === 'audit-errors')).toBe(true);
  });
});
