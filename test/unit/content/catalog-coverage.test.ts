import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelsFromDisk, loadThreatsFromDisk } from '../../../src/lib/content/node';
import { loadCatalogFromDisk } from '../../../src/lib/catalog/node';
import { controlResolver } from '../../../src/lib/content/controls';
import { PLATFORMS, STRIDE_CATEGORIES } from '../../../src/lib/stride';

const content = join(process.cwd(), 'content');
const threats = loadThreatsFromDisk(content);
const models = loadModelsFromDisk(content);
const catalog = loadCatalogFromDisk(content);
const resolve = controlResolver(catalog.checkSets);

describe('the threat catalog', () => {
  for (const platform of PLATFORMS) {
    it(`covers every STRIDE category at least twice for ${platform}`, () => {
      const counts = Object.fromEntries(
        STRIDE_CATEGORIES.map((s) => [
          s,
          threats.filter((t) => t.data.platform === platform && t.data.stride === s).length,
        ])
      );
      expect(Object.entries(counts).filter(([, n]) => n < 2)).toEqual([]);
    });

    it(`gives every ${platform} component a threat or a reason why none applies`, () => {
      const model = models.find((m) => m.platform === platform)!;
      const named = new Set(
        threats.filter((t) => t.data.platform === platform).flatMap((t) => t.data.components)
      );
      expect(
        model.components.filter((c) => !named.has(c.id) && !c.noThreatsReason).map((c) => c.id)
      ).toEqual([]);
    });
  }

  it('carries the ten threats of the brief, five per platform, each id used once', () => {
    const ids = threats.map((t) => t.data.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const platform of PLATFORMS)
      expect(threats.filter((t) => t.data.platform === platform && t.data.brief).length).toBe(5);
  });

  it('cites only benchmark checks that exist in that benchmark version', () => {
    const unknown = threats.flatMap((t) =>
      t.data.mitigations.flatMap((m) =>
        m.controls
          .filter((c) => !resolve(c.benchmark, c.id))
          .map((c) => `${t.data.id}: ${c.benchmark} ${c.id}`)
      )
    );
    expect(unknown).toEqual([]);
  });

  it('lists each threat on the check pages of the controls its mitigations cite', () => {
    const missing = threats.flatMap((t) =>
      t.data.mitigations.flatMap((m) =>
        m.controls
          .map((c) => ({ c, concept: resolve(c.benchmark, c.id)?.concept }))
          .filter(
            ({ concept }) => concept && !catalog.concepts.get(concept)?.threats.includes(t.data.id)
          )
          .map(
            ({ c, concept }) =>
              `${t.data.id} cites ${c.id} (${concept}), whose concept does not list it`
          )
      )
    );
    expect(missing).toEqual([]);
  });

  it('cites in the prose only references that exist, and every reference somewhere', () => {
    const problems = threats.flatMap((t) => {
      const cited = new Set([...t.body.matchAll(/\(#ref-(\d+)\)/g)].map((m) => Number(m[1])));
      const n = t.data.references.length;
      return [
        ...[...cited]
          .filter((i) => i < 1 || i > n)
          .map((i) => `${t.data.id} cites [${i}] but has ${n} references`),
        ...t.data.references
          .map((_, i) => i + 1)
          .filter((i) => !cited.has(i))
          .map((i) => `${t.data.id} never cites reference [${i}]`),
      ];
    });
    expect(problems).toEqual([]);
  });
});
