import type { LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { inIdOrder } from '../../../src/lib/content/ordered-loader';

type Entry = { id: string; data: Record<string, unknown>; digest?: string };

/** The part of Astro's data store a loader uses: a map that keeps insertion order, as Astro's does. */
function fakeStore() {
  const map = new Map<string, Entry>();
  return {
    map,
    store: {
      entries: () => [...map.entries()],
      keys: () => [...map.keys()],
      values: () => [...map.values()],
      get: (id: string) => map.get(id),
      has: (id: string) => map.has(id),
      delete: (id: string) => map.delete(id),
      set: (entry: Entry) => (map.set(entry.id, entry), true),
    },
  };
}

describe('inIdOrder', () => {
  it('stores the entries in id order whatever order the wrapped loader set them in', async () => {
    const { map, store } = fakeStore();
    const loader = inIdOrder({
      name: 'test',
      load: ({ store }) => {
        for (const id of ['kube-b', 'docker-10', 'Docker-2', 'docker-1'])
          store.set({ id, data: { id }, digest: `d-${id}` });
        return Promise.resolve();
      },
    });
    await loader.load({ store } as unknown as LoaderContext);
    expect([...map.keys()]).toEqual(['Docker-2', 'docker-1', 'docker-10', 'kube-b']);
    expect(map.get('docker-1')).toEqual({
      id: 'docker-1',
      data: { id: 'docker-1' },
      digest: 'd-docker-1',
    });
  });
});
