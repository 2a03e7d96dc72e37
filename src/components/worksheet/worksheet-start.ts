import type { KeyValueStorage } from '../../lib/worksheet/storage';
import { url } from '../../lib/site';
import type { ParseWorker } from './run-parser';
import { provideWorksheetStore } from './store-context';
import { WorksheetStore } from './worksheet-store';
import { SEARCH_CONTEXT_KEY, storedContextText } from '../../lib/search/reader';
import { runPlatform } from '../../lib/worksheet/platform';
import type { BenchRun } from '../../lib/bench/types';

/** The worksheet page's entry: the one store, made from the browser's storage, network, workers, clock and ids. */

function browserStorage(): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    // Storage blocked outright: every call fails and loading or saving reports it.
    const fail = () => {
      throw new Error('storage is blocked');
    };
    return { getItem: fail, setItem: fail, removeItem: fail };
  }
}

/** Tells search which run is loaded, so its platform and numbering come first in results; a run not recognised says nothing. */
function rememberRunForSearch(storage: KeyValueStorage, run: BenchRun | undefined): void {
  try {
    if (run && run.tool !== 'unknown')
      storage.setItem(SEARCH_CONTEXT_KEY, storedContextText(runPlatform(run), run.checkSet));
    else storage.removeItem(SEARCH_CONTEXT_KEY);
  } catch {
    // Blocked or full storage: search then simply has no context.
  }
}

/** Creates the page's store, hands it to the page's elements and starts it. */
export function startWorksheet(): void {
  const storage = browserStorage();
  const store = new WorksheetStore({
    storage,
    // The store asks for site paths; the page fetches them under the base path it is served at.
    fetch: (path) => fetch(url(path)),
    createWorker:
      typeof Worker === 'undefined'
        ? undefined
        : () =>
            // A Worker does all a ParseWorker does; TypeScript only sees its handlers typed wider.
            new Worker(new URL('../../workers/parse.ts', import.meta.url), {
              type: 'module',
            }) as unknown as ParseWorker,
    clock: { now: () => new Date() },
    newId: () => crypto.randomUUID(),
  });
  provideWorksheetStore(document, store);
  store.on('run', () => rememberRunForSearch(storage, store.run));
  window.addEventListener('storage', (e) => void store.storageChanged(e));
  // A reload or a closed tab right after typing must not lose the last keystrokes.
  window.addEventListener('pagehide', () => store.flushPending());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.flushPending();
  });
  // The parser, the catalog and the saving code load after the page, so the first visit stays light.
  if (document.readyState === 'complete') store.afterLoad();
  else window.addEventListener('load', () => store.afterLoad(), { once: true });
  void store.start();
}
