import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { LEVELS, PLATFORMS, SEVERITIES, STRIDE_CATEGORIES, STRIDE_LABELS } from '../stride';
import { BENCHMARKS, BENCHMARK_IDS, type BenchmarkId } from './benchmarks';
import type { Model, ThreatData } from './schema';
import { checkPath, threatPath } from './paths';
import { controlLabel } from '../catalog/numbering';

/** The catalog as published in /threats.json; bump the version on any incompatible change. */
export const CATALOG_SCHEMA_VERSION = 1;

const rated = z.object({ rating: z.enum(LEVELS), reason: z.string() });

export const catalogExportSchema = z.object({
  schemaVersion: z.literal(CATALOG_SCHEMA_VERSION),
  site: z.string().url(),
  threats: z.array(
    z.object({
      id: z.string(),
      url: z.string().url(),
      platform: z.enum(PLATFORMS),
      stride: z.enum(STRIDE_CATEGORIES),
      title: z.string(),
      summary: z.string(),
      severity: z.object({ rating: z.enum(SEVERITIES), reason: z.string() }),
      likelihood: rated,
      impact: rated,
      components: z.array(z.object({ id: z.string(), name: z.string() })),
      mitigations: z.array(
        z.object({
          title: z.string(),
          description: z.string(),
          verify: z.string(),
          controls: z.array(
            z.object({
              benchmark: z.enum(BENCHMARK_IDS),
              benchmarkName: z.string(),
              benchmarkVersion: z.string(),
              id: z.string(),
              /** The id with its numbering, "5.10 (CIS Docker 1.6.0)": ids mean other checks in other versions. */
              label: z.string(),
              title: z.string().optional(),
              /** The check's page, which lists its id in every version. */
              checkUrl: z.string().url().optional(),
            })
          ),
        })
      ),
      attack: z.array(z.string()),
      msThreatMatrix: z.array(z.string()),
      references: z.array(
        z.object({ title: z.string(), url: z.string().url(), publisher: z.string() })
      ),
      fromBrief: z.boolean(),
    })
  ),
});

export type CatalogExport = z.infer<typeof catalogExportSchema>;

/** The published JSON Schema of /threats.json. */
export function catalogJsonSchema(): object {
  return zodToJsonSchema(catalogExportSchema, {
    name: 'ContainerStrideThreatCatalog',
    $refStrategy: 'none',
  });
}

/** Looks up a check's printed title and concept; undefined when the catalog does not know it. */
export type ControlLookup = (
  benchmark: BenchmarkId,
  id: string
) => { title: string; concept?: string } | undefined;

/** Builds the public catalog from the threats and models; `site` is the address of the site's home page. */
export function catalogExport(
  site: string,
  threats: readonly ThreatData[],
  models: readonly Model[],
  lookup: ControlLookup
): CatalogExport {
  const componentName = (platform: string, id: string) =>
    models.find((m) => m.platform === platform)?.components.find((c) => c.id === id)?.name ?? id;
  return {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    site,
    threats: [...threats]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((t) => ({
        id: t.id,
        url: new URL(`.${threatPath(t.id)}`, site).href,
        platform: t.platform,
        stride: t.stride,
        title: t.title,
        summary: t.summary,
        severity: t.severity,
        likelihood: t.likelihood,
        impact: t.impact,
        components: t.components.map((id) => ({ id, name: componentName(t.platform, id) })),
        mitigations: t.mitigations.map((m) => ({
          title: m.title,
          description: m.description,
          verify: m.verify,
          controls: m.controls.map((c) => {
            const known = lookup(c.benchmark, c.id);
            return {
              benchmark: c.benchmark,
              benchmarkName: BENCHMARKS[c.benchmark].name,
              benchmarkVersion: BENCHMARKS[c.benchmark].version,
              id: c.id,
              label: controlLabel(c.id, c.benchmark),
              ...(known ? { title: known.title } : {}),
              ...(known?.concept
                ? {
                    checkUrl: new URL(
                      `.${checkPath(BENCHMARKS[c.benchmark].platform, known.concept)}`,
                      site
                    ).href,
                  }
                : {}),
            };
          }),
        })),
        attack: t.attack,
        msThreatMatrix: t.msThreatMatrix,
        references: t.references,
        fromBrief: t.brief !== undefined,
      })),
  };
}

/** A control of the crosswalk: its id, the id with its numbering, and its check page where it has one. */
export interface CrosswalkControl {
  id: string;
  label: string;
  checkUrl?: string;
}

/** One crosswalk row per threat: category, controls per benchmark, ATT&CK and Threat Matrix ids. */
export interface CrosswalkRow {
  id: string;
  title: string;
  platform: string;
  stride: string;
  controls: { benchmark: BenchmarkId; controls: CrosswalkControl[] }[];
  attack: string[];
  msThreatMatrix: string[];
}

/** Derives the crosswalk from the public catalog. */
export function crosswalkRows(catalog: CatalogExport): CrosswalkRow[] {
  return catalog.threats.map((t) => {
    const byBenchmark = new Map<BenchmarkId, Map<string, CrosswalkControl>>();
    for (const c of t.mitigations.flatMap((m) => m.controls)) {
      const ids = byBenchmark.get(c.benchmark) ?? new Map<string, CrosswalkControl>();
      if (!ids.has(c.id))
        ids.set(c.id, {
          id: c.id,
          label: c.label,
          ...(c.checkUrl ? { checkUrl: c.checkUrl } : {}),
        });
      byBenchmark.set(c.benchmark, ids);
    }
    const numeric = (a: CrosswalkControl, b: CrosswalkControl) =>
      a.id.localeCompare(b.id, 'en', { numeric: true });
    return {
      id: t.id,
      title: t.title,
      platform: t.platform,
      stride: t.stride,
      controls: [...byBenchmark].map(([benchmark, ids]) => ({
        benchmark,
        controls: [...ids.values()].sort(numeric),
      })),
      attack: t.attack,
      msThreatMatrix: t.msThreatMatrix,
    };
  });
}

/** Quotes a CSV field per RFC 4180, and defuses values a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The crosswalk as CSV, one line per threat; cis_control_pages lists each control's check page in the order of cis_controls. */
export function crosswalkCsv(rows: readonly CrosswalkRow[]): string {
  const header = [
    'id',
    'title',
    'platform',
    'stride',
    'cis_controls',
    'cis_control_pages',
    'attack',
    'ms_threat_matrix',
  ];
  const lines = rows.map((r) => {
    const controls = r.controls.flatMap((c) => c.controls);
    return [
      r.id,
      r.title,
      r.platform,
      STRIDE_LABELS[r.stride as keyof typeof STRIDE_LABELS] ?? r.stride,
      controls.map((c) => c.label).join('; '),
      controls.map((c) => c.checkUrl ?? '').join('; '),
      r.attack.join(' '),
      r.msThreatMatrix.join(' '),
    ]
      .map(csvField)
      .join(',');
  });
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
