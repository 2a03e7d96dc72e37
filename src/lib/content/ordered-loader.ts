import type { Loader } from 'astro/loaders';

/** Code-unit order, the same on every machine and in every locale. */
const byId = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Wraps a loader so its collection keeps its entries in id order. The glob loader stores entries in the
 * order their files finish loading, which changes from build to build, and every page and data file that
 * lists a collection would inherit that order; a build must give the same bytes each time.
 */
export function inIdOrder(loader: Loader): Loader {
  return {
    ...loader,
    load: async (context) => {
      await loader.load(context);
      const { store } = context;
      for (const [id, entry] of store.entries().sort(byId)) {
        store.delete(id);
        store.set(entry);
      }
    },
  };
}
