import yaml from 'js-yaml';
import { z } from 'zod';
import { modelSchema, type Model } from '../content/schema';
import { PLATFORMS, type Platform } from '../stride';
import { diagramDecorations, type DiagramDecorations } from './decorations';
import { modelToMermaid, type ThreatRef, type ThreatsByComponent } from './mermaid';

/** A file's path (for messages) and text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Only the threat fields a diagram depends on, so editing a threat's prose never changes a diagram. */
const threatRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  platform: z.enum(PLATFORMS),
  components: z.array(z.string()),
});

/** Returns the YAML between the leading `---` fences of an MDX file, or undefined when there is none. */
export function frontmatter(text: string): string | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\n|$)/.exec(text);
  return m?.[1];
}

/** Groups threats by platform and component id, sorted by threat id so file order never matters. */
export function threatsByComponent(
  threatFiles: readonly SourceFile[]
): Record<Platform, ThreatsByComponent> {
  const out = Object.fromEntries(PLATFORMS.map((p) => [p, {}])) as Record<
    Platform,
    Record<string, ThreatRef[]>
  >;
  for (const file of threatFiles) {
    const fm = frontmatter(file.text);
    if (fm === undefined) throw new Error(`${file.path}: no frontmatter`);
    const parsed = threatRefSchema.safeParse(yaml.load(fm));
    if (!parsed.success)
      throw new Error(
        `${file.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
      );
    const t = parsed.data;
    for (const c of new Set(t.components))
      (out[t.platform][c] ??= []).push({ id: t.id, title: t.title });
  }
  for (const byComponent of Object.values(out)) {
    for (const refs of Object.values(byComponent))
      refs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

/** Parses and validates a model file, with the file and field in the error. */
export function parseModel(file: SourceFile): Model {
  const parsed = modelSchema.safeParse(yaml.load(file.text));
  if (!parsed.success)
    throw new Error(
      `${file.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
    );
  return parsed.data;
}

/** The Mermaid source of every model's diagram, named after its platform, with what the SVG gets added. */
export function diagramSources(
  modelFiles: readonly SourceFile[],
  threatFiles: readonly SourceFile[]
): { name: string; source: string; decorations: DiagramDecorations }[] {
  const threats = threatsByComponent(threatFiles);
  return modelFiles
    .map(parseModel)
    .map((model) => ({
      name: model.platform,
      source: modelToMermaid(model, threats[model.platform]),
      decorations: diagramDecorations(model, model.platform),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
