import {
  parseReplies,
  type ParseReply,
  type ParseRequest,
} from '../../../src/lib/worksheet/analyze';
import type { ParseWorker } from '../../../src/components/worksheet/run-parser';
import type { WorksheetStoreDeps } from '../../../src/components/worksheet/worksheet-store';
import { WorksheetStore } from '../../../src/components/worksheet/worksheet-store';
import { THREAT_CATALOG_URL, WORKSHEET_DATA_URLS } from '../../../src/lib/worksheet/platform';
import { contentThreatCatalog, contentWorksheetData, MemoryStorage } from './helpers';

/** Fakes of what the worksheet store reaches outside itself, and a store built on them. */

/**
 * A parsing worker that answers as the real one does, a task later; told to hold, it keeps its answers
 * until released. Like a real worker, a message it already sent still arrives after terminate().
 */
export class FakeWorker implements ParseWorker {
  onmessage: ((event: { data: ParseReply }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly requests: ParseRequest[] = [];
  terminated = false;
  private held: ParseRequest[] = [];

  constructor(private hold = false) {}

  postMessage(request: ParseRequest): void {
    this.requests.push(request);
    if (this.hold) this.held.push(request);
    else setTimeout(() => this.answer(request));
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Sends the held answers now, terminated or not. */
  release(): void {
    this.hold = false;
    for (const r of this.held.splice(0)) this.answer(r);
  }

  private answer(request: ParseRequest): void {
    for (const data of parseReplies(request)) this.onmessage?.({ data });
  }
}

// Built once per test file: reading the content takes a while.
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};
const DATA_FILES = new Map<string, () => unknown>([
  [WORKSHEET_DATA_URLS.docker, once(() => contentWorksheetData('docker'))],
  [WORKSHEET_DATA_URLS.kubernetes, once(() => contentWorksheetData('kubernetes'))],
  [THREAT_CATALOG_URL, once(() => contentThreatCatalog())],
]);

/** A fetch over the page's data files built from the project's content; a held URL answers on release. */
export class FakeFetch {
  readonly requested: string[] = [];
  private readonly held = new Map<string, (() => void)[]>();
  private readonly holding = new Set<string>();

  private readonly failing = new Set<string>();

  /** Answers `url` with a 404. */
  fail(url: string): void {
    this.failing.add(url);
  }

  /** Answers `url` only once released. */
  hold(url: string): void {
    this.holding.add(url);
  }

  release(url: string): void {
    this.holding.delete(url);
    for (const go of this.held.get(url) ?? []) go();
    this.held.delete(url);
  }

  readonly fetch: WorksheetStoreDeps['fetch'] = (url) => {
    this.requested.push(url);
    const file = this.failing.has(url) ? undefined : DATA_FILES.get(url);
    const response = {
      ok: file !== undefined,
      status: file ? 200 : 404,
      // A copy, as each response is parsed anew.
      json: () => Promise.resolve(structuredClone(file?.())),
    };
    if (!this.holding.has(url)) return Promise.resolve(response);
    return new Promise((resolve) => {
      this.held.set(url, [...(this.held.get(url) ?? []), () => resolve(response)]);
    });
  };
}

export interface FakeWorld {
  store: WorksheetStore;
  storage: MemoryStorage;
  network: FakeFetch;
  workers: FakeWorker[];
  /** Whether the next worker made holds its answers. */
  holdNextWorker(): void;
}

/** A store on fakes: memory storage, the content's data files, fake workers, a fixed clock and counted ids. */
export function fakeWorld(storage = new MemoryStorage()): FakeWorld {
  const network = new FakeFetch();
  const workers: FakeWorker[] = [];
  let holdNext = false;
  let ids = 0;
  const store = new WorksheetStore({
    storage,
    fetch: network.fetch,
    createWorker: () => {
      const worker = new FakeWorker(holdNext);
      holdNext = false;
      workers.push(worker);
      return worker;
    },
    clock: { now: () => new Date('2026-03-01T10:00:00Z') },
    newId: () => `id-${++ids}`,
  });
  return {
    store,
    storage,
    network,
    workers,
    holdNextWorker: () => {
      holdNext = true;
    },
  };
}

/** Resolves once the store's pending promises and timers of the moment have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
