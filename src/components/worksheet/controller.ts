import type { BenchRun } from '../../lib/bench/types';
import type { AnalyzedInput } from '../../lib/worksheet/analyze';
import {
  buildWorksheetCatalog,
  runPlatform,
  WORKSHEET_DATA_URLS,
  type WorksheetCatalog,
  type WorksheetData,
} from '../../lib/worksheet/data';
import { worksheetPlatform } from '../../lib/worksheet/rules';
import type { Platform } from '../../lib/stride';
import {
  describeFindings,
  type FindingFilter,
  type FindingView,
} from '../../lib/worksheet/findings';
import { emptyWorksheet, type Worksheet } from '../../lib/worksheet/schema';
import { reduceWorksheet, type WorksheetAction } from '../../lib/worksheet/state';
import {
  foreignSave,
  loadWorksheet,
  saveWorksheet,
  type KeyValueStorage,
  type RunField,
  type SaveMeta,
  type StorageMessage,
} from '../../lib/worksheet/storage';

/**
 * The worksheet page's single source of truth in the browser: the worksheet, the parsed runs, the
 * catalog, saving and the other-tab check. Components subscribe to topics and re-render what changed.
 */

export type Topic = 'worksheet' | 'replaced' | 'run' | 'after' | 'parse' | 'storage' | 'filter';

export interface ParseState {
  field: RunField;
  size: number;
}

const SAVE_DELAY_MS = 300;
/** Without the catalog (it failed to load) findings still show, only without explanations and threats. */
export function noCatalog(platform: Platform): WorksheetCatalog {
  return buildWorksheetCatalog({
    platform,
    threats: [],
    concepts: [],
    checkSets: { titles: [], concepts: [], sets: [] },
  });
}

function browserStorage(): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    // Storage blocked outright: every call fails and loadWorksheet/saveWorksheet report it.
    const fail = () => {
      throw new Error('storage is blocked');
    };
    return { getItem: fail, setItem: fail, removeItem: fail };
  }
}

class WorksheetController {
  ws: Worksheet = emptyWorksheet();
  run: BenchRun | undefined;
  views: FindingView[] = [];
  afterRun: BenchRun | undefined;
  parsing: ParseState | undefined;
  filter: FindingFilter = { section: '', outcome: 'fail', text: '' };
  messages: StorageMessage[] = [];
  /** Another tab's save this tab has not taken in yet. */
  conflict: SaveMeta | undefined;
  /** The last message about saving (quota, blocked), shown until a save works again. */
  saveProblem: StorageMessage | undefined;
  lastTiming: { field: RunField; parseMs: number; inWorker: boolean } | undefined;
  lastSavedAt: Date | undefined;

  private listeners = new Map<Topic, Set<() => void>>();
  private store = browserStorage();
  private session = { tabId: crypto.randomUUID(), revision: 0 };
  private omitted: RunField[] = [];
  private omittedText = new Map<RunField, string>();
  private saveTimer: number | undefined;
  private worker: Worker | undefined;
  private requests = new Map<
    number,
    { input: string | Uint8Array; resolve: (r: AnalyzedInput) => void }
  >();
  private nextRequest = 1;
  private catalogs = new Map<Platform, WorksheetCatalog>();
  private catalogLoads = new Map<Platform, Promise<WorksheetCatalog>>();
  // The parser loads after the page, so the first visit stays light; a paste waits for it if need be.
  private parser: Promise<typeof import('../../lib/worksheet/analyze')> | undefined;

  private loadParser() {
    this.parser ??= import('../../lib/worksheet/analyze');
    return this.parser;
  }

  /** The platform of the worksheet: Kubernetes for a kube-bench run, else Docker. */
  get platform(): Platform {
    return worksheetPlatform(this.ws, this.run);
  }

  /** The catalog of the worksheet's platform, once loaded. */
  get catalog(): WorksheetCatalog | undefined {
    return this.catalogs.get(this.platform);
  }

  /** The catalog of the worksheet's platform, or an empty one while it loads or when it failed to. */
  catalogOrEmpty(): WorksheetCatalog {
    return this.catalog ?? noCatalog(this.platform);
  }

  // Each platform's data is fetched once, the Kubernetes file only when a kube-bench run (or pick) needs it.
  private loadCatalog(platform: Platform): Promise<WorksheetCatalog> {
    let load = this.catalogLoads.get(platform);
    if (!load) {
      load = fetch(WORKSHEET_DATA_URLS[platform])
        .then((r) => {
          if (!r.ok) throw new Error(`${r.status}`);
          return r.json() as Promise<WorksheetData>;
        })
        .then((data) => {
          const wc = buildWorksheetCatalog(data);
          this.catalogs.set(platform, wc);
          return wc;
        });
      this.catalogLoads.set(platform, load);
    }
    return load;
  }

  on(topic: Topic, listener: () => void): void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(listener);
    this.listeners.set(topic, set);
  }

  private emit(...topics: Topic[]): void {
    for (const t of topics) for (const l of this.listeners.get(t) ?? []) l();
  }

  /** Loads the Docker catalog, restores the saved worksheet and re-reads its runs. */
  start(): void {
    this.loadCatalog('docker').catch(() => undefined);
    void this.loadParser();
    const loaded = loadWorksheet(this.store);
    this.session.revision = loaded.revision;
    this.messages = loaded.messages;
    this.omitted = loaded.omitted;
    this.ws = loaded.worksheet;
    this.emit('replaced', 'worksheet', 'storage');
    void this.reanalyze();
    // Kubernetes picks whose run was too large to keep still need their threats before a run is pasted again.
    if (!this.ws.input.text && this.platform === 'kubernetes') {
      this.loadCatalog('kubernetes').then(
        () => this.emit('run'),
        () => undefined
      );
    }
    window.addEventListener('storage', (e) => {
      const theirs = foreignSave(e, this.session);
      if (!theirs) return;
      this.conflict = theirs;
      this.emit('storage');
    });
    // A reload or a closed tab right after typing must not lose the last keystrokes.
    const flushPending = () => {
      if (this.saveTimer !== undefined) this.flush();
    };
    window.addEventListener('pagehide', flushPending);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flushPending();
    });
  }

  private async reanalyze(): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (this.ws.input.text)
      jobs.push(this.analyze('input', this.ws.input.text, this.ws.input.fileName, false));
    if (this.ws.after.text)
      jobs.push(this.analyze('after', this.ws.after.text, this.ws.after.fileName, false));
    await Promise.all(jobs);
  }

  dispatch(action: WorksheetAction): void {
    const next = reduceWorksheet(this.ws, action);
    if (next === this.ws) return;
    this.ws = next;
    this.emit(
      ...((action.type === 'replace' || action.type === 'start-over'
        ? ['replaced', 'worksheet']
        : ['worksheet']) as Topic[])
    );
    this.scheduleSave();
  }

  setFilter(filter: Partial<FindingFilter>): void {
    this.filter = { ...this.filter, ...filter };
    this.emit('filter');
  }

  /** Parses a pasted text or an opened file and stores it as the run before (input) or after hardening. */
  async analyze(
    field: RunField,
    input: string | Uint8Array,
    fileName?: string,
    record = true
  ): Promise<void> {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    this.parsing = { field, size };
    this.emit('parse');
    const started = performance.now();
    const { analyzeInput, mayBeKubeBench, WORKER_THRESHOLD } = await this.loadParser();
    // Fetch the Kubernetes data while the run is parsed, not after, when the text looks like kube-bench.
    if (typeof input === 'string' && mayBeKubeBench(input))
      this.loadCatalog('kubernetes').catch(() => undefined);
    const inWorker = size >= WORKER_THRESHOLD;
    const result = inWorker ? await this.inWorker(input, analyzeInput) : analyzeInput(input);
    const parseMs = performance.now() - started;
    const platform = runPlatform(result.run);
    const wc = await this.loadCatalog(platform).catch(() => noCatalog(platform));
    if (record) {
      this.dispatch({
        type: field === 'input' ? 'set-input' : 'set-after',
        text: result.text,
        ...(fileName ? { fileName } : {}),
      });
      this.omitted = this.omitted.filter((f) => f !== field);
    }
    if (field === 'input') {
      this.run = result.run;
      this.views = describeFindings(result.run, wc);
    } else {
      this.afterRun = result.run;
    }
    this.parsing = undefined;
    this.lastTiming = { field, parseMs, inWorker };
    this.emit('parse', field === 'input' ? 'run' : 'after');
  }

  private inWorker(
    input: string | Uint8Array,
    analyzeInput: (input: string | Uint8Array) => AnalyzedInput
  ): Promise<AnalyzedInput> {
    if (!this.worker) {
      const worker = new Worker(new URL('../../workers/parse.ts', import.meta.url), {
        type: 'module',
      });
      worker.onmessage = (e: MessageEvent<{ id: number; run: BenchRun; text?: string }>) => {
        const pending = this.requests.get(e.data.id);
        this.requests.delete(e.data.id);
        pending?.resolve({
          run: e.data.run,
          text: typeof pending.input === 'string' ? pending.input : (e.data.text ?? ''),
        });
      };
      // A worker that cannot start (blocked, old browser) must not leave "Parsing…" forever: parse here instead.
      worker.onerror = () => {
        this.worker = undefined;
        const pending = [...this.requests.values()];
        this.requests.clear();
        for (const p of pending) p.resolve(analyzeInput(p.input));
      };
      this.worker = worker;
    }
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.requests.set(id, { input, resolve });
      this.worker!.postMessage({ id, input });
    });
  }

  /** Forgets the parsed runs whose text was cleared. */
  clearRun(field: RunField): void {
    if (field === 'input') {
      this.run = undefined;
      this.views = [];
    } else this.afterRun = undefined;
    this.emit(field === 'input' ? 'run' : 'after');
  }

  private scheduleSave(): void {
    if (this.saveTimer !== undefined) window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Saves now, unless another tab's save is waiting for the user's decision. */
  flush(force = false): void {
    if (this.saveTimer !== undefined) window.clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.conflict && !force) return;
    // A run that did not fit last time is left out again straight away while its text is unchanged.
    const omit = this.omitted.filter((f) => this.omittedText.get(f) === this.ws[f].text);
    const result = saveWorksheet(this.store, this.ws, this.session, { force, omit });
    if (result.status === 'conflict') {
      this.conflict = result.theirs;
    } else if (result.status === 'saved') {
      this.session.revision = result.revision;
      this.omitted = result.omitted;
      this.omittedText = new Map(result.omitted.map((f) => [f, this.ws[f].text]));
      this.saveProblem = result.message;
      this.conflict = undefined;
      this.lastSavedAt = new Date();
    } else {
      this.saveProblem = result.message;
    }
    this.emit('storage');
  }

  /** Takes the worksheet another tab saved. */
  loadNewer(): void {
    const loaded = loadWorksheet(this.store);
    this.session.revision = loaded.revision;
    this.conflict = undefined;
    this.messages = loaded.messages;
    this.omitted = loaded.omitted;
    this.ws = loaded.worksheet;
    this.run = undefined;
    this.views = [];
    this.afterRun = undefined;
    this.emit('replaced', 'worksheet', 'storage', 'run', 'after');
    void this.reanalyze();
  }

  /** Keeps this tab's worksheet, saving it over the other tab's. */
  keepMine(): void {
    this.flush(true);
  }

  /** Replaces the worksheet (import, start over) and re-reads its runs. */
  replace(worksheet: Worksheet): void {
    this.run = undefined;
    this.views = [];
    this.afterRun = undefined;
    this.dispatch({ type: 'replace', worksheet });
    this.emit('run', 'after');
    void this.reanalyze();
  }

  /** Empties the worksheet and saves that at once, over any other tab's version: the user asked for it. */
  startOver(): void {
    this.run = undefined;
    this.views = [];
    this.afterRun = undefined;
    this.dispatch({ type: 'start-over' });
    this.emit('run', 'after');
    this.flush(true);
  }

  dismissMessage(m: StorageMessage): void {
    this.messages = this.messages.filter((x) => x !== m);
    this.emit('storage');
  }
}

/** The one controller of the page. */
export const worksheetApp = new WorksheetController();
