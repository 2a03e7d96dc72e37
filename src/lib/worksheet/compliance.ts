import type { AuditErrorCode, BenchRun, FailedResource, Finding } from '../bench/types';
import { OUTCOME_LABELS } from './findings';
import { oneLine } from './text';

/**
 * What the worksheet says about Trivy and kubescape results beyond a kube-bench run's: the spec a run reports
 * on, what it covers, which results the tool did not check and why, and the objects each result failed on.
 */

/** A result's outcome in words; Trivy's control-plane passes that nothing shows it saw are "Not verified", not passes. */
export function outcomeLabel(f: Pick<Finding, 'outcome' | 'auditErrorCode'>): string {
  if (f.outcome === 'skip' && f.auditErrorCode === 'control-plane-not-visible')
    return 'Not verified';
  return OUTCOME_LABELS[f.outcome];
}

/** The sentence that says why the tool did not check a result; undefined for every other result. */
export function notCheckedReason(
  f: Pick<Finding, 'outcome' | 'auditError' | 'auditErrorCode'>
): string | undefined {
  return f.outcome === 'skip' && f.auditError ? oneLine(f.auditError) : undefined;
}

/** The spec or framework a Trivy or kubescape run reports on, in words; undefined for other tools. */
export function specText(run: Pick<BenchRun, 'tool' | 'spec'>): string | undefined {
  const spec = run.spec;
  if (!spec) return undefined;
  if (run.tool === 'kubescape') return `kubescape framework ${oneLine(spec.id)}`;
  const parts = [
    spec.operator ? 'trivy-operator ClusterComplianceReport' : '',
    spec.reportType === 'all'
      ? 'report type all (names the objects that failed)'
      : spec.reportType === 'summary'
        ? 'report type summary (counts failures only)'
        : '',
  ].filter(Boolean);
  return `Trivy compliance spec ${oneLine(spec.id)}${spec.title ? ` (${oneLine(spec.title)})` : ''}${parts.length ? `, ${parts.join(', ')}` : ''}`;
}

/** What a run covers when that is less than its benchmark: Trivy's docker-cis spec checks images only. */
export function coverageText(run: Pick<BenchRun, 'tool' | 'spec'>): string | undefined {
  if (run.tool !== 'trivy' || !run.spec?.id.startsWith('docker-cis')) return undefined;
  return 'the image checks of CIS Docker section 4 only (4.1 to 4.12, images and build files): not the host, the Docker daemon or running containers, which docker-bench-security and aquasecurity/docker-bench check';
}

// Per reason: how many results it stands for, in words, in the order a reader acts on them.
const NOT_CHECKED_WORDS: Partial<Record<AuditErrorCode, (n: number, run: BenchRun) => string>> = {
  'control-plane-not-visible': (n, run) =>
    `${n} control-plane ${n === 1 ? 'check' : 'checks'}${sectionsOf(run, 'control-plane-not-visible')} that Trivy reports as passing, though nothing in the report shows it could see the control plane (as on managed clusters): not verified by Trivy and not counted as passes; run kube-bench on a control-plane node to check them`,
  'no-automated-check': (n) =>
    `${n} ${n === 1 ? 'control' : 'controls'} that Trivy's spec maps to no check, reported as passing whatever the cluster`,
  'requires-operator': (n) =>
    `${n} node and file ${n === 1 ? 'check' : 'checks'} that the kubescape CLI skipped: ${n === 1 ? 'it reads' : 'they read'} files and process arguments on the nodes, which only the host scanner of the Kubescape operator collects; install the operator, or run kube-bench on the nodes, to check them`,
  'nothing-to-inspect': (n) =>
    `${n} ${n === 1 ? 'control' : 'controls'} that found nothing of the kind ${n === 1 ? 'it checks' : 'they check'} (kubescape's "irrelevant"), not counted as passes`,
  'needs-configuration': (n) =>
    `${n} ${n === 1 ? 'control' : 'controls'} that kubescape skipped because ${n === 1 ? 'it needs' : 'they need'} values in its control configuration`,
  'needs-integration': (n) =>
    `${n} ${n === 1 ? 'control' : 'controls'} that kubescape skipped because ${n === 1 ? 'it needs' : 'they need'} an integration (a cloud provider or an image scanner)`,
  'not-evaluated': (n, run) =>
    `${n} ${n === 1 ? 'control' : 'controls'} that ${run.tool === 'kubescape' ? 'kubescape' : 'Trivy'} did not evaluate`,
  'scan-error': (n) =>
    `${n} ${n === 1 ? 'control' : 'controls'} that kubescape could not evaluate (an error)`,
};

function sectionsOf(run: BenchRun, code: AuditErrorCode): string {
  const sections = [
    ...new Set(run.findings.filter((f) => f.auditErrorCode === code).map((f) => f.section)),
  ];
  if (sections.length === 0) return '';
  return ` (section${sections.length === 1 ? '' : 's'} ${sections.join(', ')})`;
}

/** Why a Trivy or kubescape run's results were not checked, counted per reason; undefined when every result was checked. */
export function notCheckedText(run: BenchRun): string | undefined {
  if (run.tool !== 'trivy' && run.tool !== 'kubescape') return undefined;
  const counts = new Map<AuditErrorCode | undefined, number>();
  for (const f of run.findings)
    if (f.outcome === 'skip') counts.set(f.auditErrorCode, (counts.get(f.auditErrorCode) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  const parts = (Object.keys(NOT_CHECKED_WORDS) as AuditErrorCode[]).flatMap((code) => {
    const n = counts.get(code);
    return n ? [NOT_CHECKED_WORDS[code]!(n, run)] : [];
  });
  const known = new Set(Object.keys(NOT_CHECKED_WORDS));
  let other = 0;
  for (const [code, n] of counts) if (!code || !known.has(code)) other += n;
  if (other > 0) parts.push(`${other} not checked for another reason`);
  return `${parts.join('; ')}.`;
}

/** An object a result failed on, as "Deployment default/web" (the namespace when the tool gives one). */
export function resourceName(r: FailedResource): string {
  const name = r.namespace ? `${oneLine(r.namespace)}/${oneLine(r.name)}` : oneLine(r.name);
  return r.kind ? `${oneLine(r.kind)} ${name}` : name;
}

/** An object a result failed on with what failed on it, on one line. */
export function resourceLine(r: FailedResource): string {
  return r.detail ? `${resourceName(r)}: ${oneLine(r.detail)}` : resourceName(r);
}

/** How many objects the result failed on: those kept and those the reader left out. */
export function resourceCount(f: Pick<Finding, 'resources' | 'resourcesOmitted'>): number {
  return (f.resources?.length ?? 0) + (f.resourcesOmitted ?? 0);
}

/** The heading over a result's objects, e.g. "What it failed on (3 objects)". */
export function resourcesHeading(f: Pick<Finding, 'resources' | 'resourcesOmitted'>): string {
  const n = resourceCount(f);
  return `What it failed on (${n} ${n === 1 ? 'object' : 'objects'})`;
}

/** The note under a result's objects when the reader kept fewer than the tool named; undefined when it kept all. */
export function omittedText(
  f: Pick<Finding, 'resources' | 'resourcesOmitted'>,
  shown = f.resources?.length ?? 0
): string | undefined {
  const more = resourceCount(f) - shown;
  if (more <= 0) return undefined;
  const kept = (f.resources?.length ?? 0) - shown;
  return kept > 0
    ? `…and ${more} more.`
    : `…and ${more} more that the report names; the worksheet keeps the first ${shown}.`;
}

/** How many objects the finding list shows at first, and how many more each "Show more" adds. */
export const RESOURCE_WINDOW = 10;

/** The first few objects a result failed on, on one line: "Deployment default/web, Pod default/db and 3 more". */
export function resourcesPreview(
  f: Pick<Finding, 'resources' | 'resourcesOmitted'>,
  max = 3
): string | undefined {
  const names = (f.resources ?? []).slice(0, max).map(resourceName);
  if (names.length === 0) return undefined;
  const more = resourceCount(f) - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  return names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
