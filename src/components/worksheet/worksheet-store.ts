import type { BenchRun } from '../../lib/bench/types';
import type { Platform } from '../../lib/stride';
import type { WorksheetCatalog, WorksheetData } from '../../lib/worksheet/data';
import {
  describeFindings,
  type FindingFilter,
  type FindingView,
} from '../../lib/worksheet/findings';
import type { ThreatCatalogData } from '../../lib/worksheet/own-threats';
import {
  emptyWorksheetCatalog,
  runPlatform,
  THREAT_CATALOG_URL,
  WORKSHEET_DATA_URLS,
} from '../../lib/worksheet/platform';
import { worksheetPlatform } from '../../lib/worksheet/rules';
import type { SaveMeta, Worksheet } from '../../lib/worksheet/schema';
import { reduceWorksheet, type WorksheetAction } from '../../lib/worksheet/state';
import type { KeyValueStorage, LoadResult, StorageMessage } from '../../lib/worksheet/storage';
import type { WriteupContext } from '../../lib/worksheet/writeup';
import {
  emptyWorksheet,
  META_KEY,
  STORAGE_KEY,
  type RunField,
} from '../../lib/worksheet/worksheet';
import { RunParser, type WorkerFactory } from './run-parser';

/**
 * The worksheet page's single source of truth in the browser: the worksheet, the parsed runs, the
 * catalogs, saving and the other-tab check. Elements subscribe to topics and re-render what changed.
 * Everything it reaches outside itself (storage, network, workers, time, ids) comes in through
 * WorksheetStoreDeps, so tests run it with fakes.
 */

export type Topic =
  'worksheet' | 'replaced' | 'run' | 'after' | 'parse' | 'storage' | 'filter' | 'threat-catalog';

export interface WorksheetStoreDeps {
  storage: KeyValueStorage;
  /** Fetches a site path, such as "/worksheet-data.json". */
  fetch: (path: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
  /** Undefined where workers are not available: runs are then parsed on the main thread. */
  createWorker?: WorkerFactory;
  clock: { now(): Date };
  newId: () => string;
}

export interface ParseState {
  /** The size, in characters or bytes, of the input being parsed, while it is. */
  parsing?: number;
  /** Counts the results shown in this box; it changes when a newer one arrives. */
  shown: number;
}

const SAVE_DELAY_MS = 300;

/** Findings described per task: a run of 200,000 is explained in short tasks the page answers between. */
const VIEWS_PER_TASK = 10_000;

async function describeInParts(run: BenchRun, wc: WorksheetCatalog): Promise<FindingView[]> {
  if (run.findings.length <= VIEWS_PER_TASK) return describeFindings(run, wc);
  const views: FindingView[] = [];
  for (let i = 0; i < run.findings.length; i += VIEWS_PER_TASK) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const part = describeFindings(
      { ...run, findings: run.findings.slice(i, i + VIEWS_PER_TASK) },
      wc
    );
    for (const v of part) views.push(v);
  }
  return views;
}

type Persistence = typeof import('../../lib/worksheet/storage');

export class WorksheetStore {
  ws: Worksheet = emptyWorksheet();
  run: BenchRun | undefined;
  views: FindingView[] = [];
  afterRun: BenchRun | undefined;
  filter: FindingFilter = { section: '', outcome: 'fail', text: '', order: 'severity' };
  messages: StorageMessage[] = [];
  /** Another tab's save this tab has not taken in yet. */
  conflict: SaveMeta | undefined;
  /** The last message about saving (quota, blocked), shown until a save works again. */
  saveProblem: StorageMessage | undefined;
  lastSavedAt: Date | undefined;
  /** Both platforms' threats and components for the threat-model steps, once fetched. */
  threatCatalog: ThreatCatalogData | undefined;
  /** True when the threat-model catalog could not be fetched; the steps then work from blank entries. */
  threatCatalogFailed = false;

  private readonly deps: WorksheetStoreDeps;
  private readonly parser: RunParser;
  private listeners = new Map<Topic, Set<() => void>>();
  private session: { tabId: string; revision: number };
  private omitted: RunField[] = [];
  private omittedText = new Map<RunField, string>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  // Every parse of a box takes the next number; a result whose number is not the box's latest is dropped.
  private latest: Record<RunField, number> = { input: 0, after: 0 };
  private parses: Record<RunField, ParseState> = { input: { shown: 0 }, after: { shown: 0 } };
  private catalogs = new Map<Platform, WorksheetCatalog>();
  private catalogLoads = new Map<Platform, Promise<WorksheetCatalog>>();
  private threatCatalogLoad: Promise<void> | undefined;
  // The validators and the saving code load only when saved data is read or the first save is due.
  private persistenceLoad: Promise<Persistence> | undefined;
  private persistence: Persistence | undefined;

  constructor(deps: WorksheetStoreDeps) {
    this.deps = deps;
    this.parser = new RunParser(deps.createWorker);
    this.session = { tabId: deps.newId(), revision: 0 };
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
    return this.catalog ?? emptyWorksheetCatalog(this.platform);
  }

  /** What the write-up is built from: the runs, the catalogs and the time. */
  writeupContext(): WriteupContext {
    return {
      run: this.run,
      afterRun: this.afterRun,
      catalog: this.catalogOrEmpty(),
      now: this.now(),
      ...(this.threatCatalog ? { threatCatalog: this.threatCatalog } : {}),
    };
  }

  /** What a box is doing: parsing (and how much), and how many results it has shown. */
  parseState(field: RunField): ParseState {
    return this.parses[field];
  }

  /** The time now, for dates in exports and evidence. */
  now(): Date {
    return this.deps.clock.now();
  }

  /** A new unique id, for the user's threat entries. */
  newId(): string {
    return this.deps.newId();
  }

  /** Calls the listener whenever the topic changes; returns the function that stops it. */
  on(topic: Topic, listener: () => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(listener);
    this.listeners.set(topic, set);
    return () => set.delete(listener);
  }

  private emit(...topics: Topic[]): void {
    for (const t of topics) for (const l of [...(this.listeners.get(t) ?? [])]) l();
  }

  private loadPersistence(): Promise<Persistence> {
    this.persistenceLoad ??= import('../../lib/worksheet/storage').then((p) => {
      this.persistence = p;
      return p;
    });
    return this.persistenceLoad;
  }

  // Each platform's data is fetched once, the Kubernetes file only when a kube-bench run (or pick) needs it;
  // the code that matches checks against it comes with it.
  private loadCatalog(platform: Platform): Promise<WorksheetCatalog> {
    let load = this.catalogLoads.get(platform);
    if (!load) {
      load = Promise.all([
        this.deps.fetch(WORKSHEET_DATA_URLS[platform]).then((r) => {
          if (!r.ok) throw new Error(`${r.status}`);
          return r.json() as Promise<WorksheetData>;
        }),
        import('../../lib/worksheet/data'),
      ]).then(([data, { buildWorksheetCatalog }]) => {
        const wc = buildWorksheetCatalog(data);
        this.catalogs.set(platform, wc);
        return wc;
      });
      this.catalogLoads.set(platform, load);
    }
    return load;
  }

  /** Fetches the threat-model catalog once and tells the threat steps when it has arrived or failed. */
  loadThreatCatalog(): Promise<void> {
    this.threatCatalogLoad ??= this.deps
      .fetch(THREAT_CATALOG_URL)
      .then((r) => {
        if (!r.ok) throw new Error(`${r.status}`);
        return r.json() as Promise<ThreatCatalogData>;
      })
      .then(
        (data) => {
          this.threatCatalog = data;
        },
        () => {
          this.threatCatalogFailed = true;
        }
      )
      .finally(() => this.emit('threat-catalog'));
    return this.threatCatalogLoad;
  }

  /**
   * Restores the saved worksheet and re-reads its runs. A first visit has nothing saved, so nothing
   * more than this store is needed until the page has loaded.
   */
  async start(): Promise<void> {
    void this.loadThreatCatalog();
    if (this.nothingSaved()) {
      this.emit('replaced', 'worksheet', 'storage');
      return;
    }
    const { loadWorksheet } = await this.loadPersistence();
    this.restore(loadWorksheet(this.deps.storage, this.deps.clock.now()));
    // Kubernetes picks whose run was too large to keep still need their threats before a run is pasted again.
    if (!this.ws.input.text && this.platform === 'kubernetes') {
      this.loadCatalog('kubernetes').then(
        () => this.emit('run'),
        () => undefined
      );
    }
  }

  /** Loads, once the page has, what the first paste and the first save will need. */
  afterLoad(): void {
    this.parser.warm('input');
    this.loadCatalog('docker').catch(() => undefined);
    void this.loadPersistence();
  }

  private nothingSaved(): boolean {
    try {
      return (
        this.deps.storage.getItem(STORAGE_KEY) === null &&
        this.deps.storage.getItem(META_KEY) === null
      );
    } catch {
      // Blocked storage: loadWorksheet says so.
      return false;
    }
  }

  private restore(loaded: LoadResult): void {
    // What was recovered is saved at once: the next visit reads it as it is, and sets nothing aside again.
    if (loaded.recovered) this.scheduleSave(0);
    this.session.revision = loaded.revision;
    this.messages = loaded.messages;
    this.omitted = loaded.omitted;
    this.ws = loaded.worksheet;
    this.run = undefined;
    this.views = [];
    this.afterRun = undefined;
    this.emit('replaced', 'worksheet', 'storage', 'run', 'after');
    this.reanalyze();
  }

  private reanalyze(): void {
    if (this.ws.input.text)
      void this.analyze('input', this.ws.input.text, this.ws.input.fileName, false);
    if (this.ws.after.text)
      void this.analyze('after', this.ws.after.text, this.ws.after.fileName, false);
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

  /**
   * Parses a pasted text or an opened file and stores it as the run before (input) or after hardening.
   * Only the newest parse of a box counts: an older one that finishes later is dropped, on the page and
   * in storage.
   */
  async analyze(
    field: RunField,
    input: string | Uint8Array,
    fileName?: string,
    record = true
  ): Promise<void> {
    const n = ++this.latest[field];
    const current = () => n === this.latest[field];
    this.parses[field] = {
      ...this.parses[field],
      parsing: typeof input === 'string' ? input.length : input.byteLength,
    };
    this.emit('parse');
    const result = await this.parser.parse(field, input, (platform) => {
      // Fetch that platform's data while the run is parsed, not after.
      if (current()) this.loadCatalog(platform).catch(() => undefined);
    });
    if (!result || !current()) return;
    const platform = runPlatform(result.run);
    const wc = await this.loadCatalog(platform).catch(() => emptyWorksheetCatalog(platform));
    if (!current()) return;
    if (record) {
      this.dispatch({
        type: field === 'input' ? 'set-input' : 'set-after',
        text: result.text,
        ...(fileName ? { fileName } : {}),
      });
      this.omitted = this.omitted.filter((f) => f !== field);
    }
    if (field === 'input') {
      const views = await describeInParts(result.run, wc);
      if (!current()) return;
      this.run = result.run;
      this.views = views;
    } else {
      this.afterRun = result.run;
    }
    this.parses[field] = { shown: this.parses[field].shown + 1 };
    this.emit('parse', field === 'input' ? 'run' : 'after');
  }

  // Drops whatever parse of the box is under way: its result must not bring back what was cleared or replaced.
  private dropParse(field: RunField): void {
    this.latest[field]++;
    if (this.parses[field].parsing !== undefined) {
      this.parses[field] = { shown: this.parses[field].shown };
      this.emit('parse');
    }
  }

  /** Forgets the parsed run of a box whose text was cleared. */
  clearRun(field: RunField): void {
    this.dropParse(field);
    if (field === 'input') {
      this.run = undefined;
      this.views = [];
    } else this.afterRun = undefined;
    this.emit(field === 'input' ? 'run' : 'after');
  }

  private forgetRuns(): void {
    this.dropParse('input');
    this.dropParse('after');
    this.run = undefined;
    this.views = [];
    this.afterRun = undefined;
  }

  private scheduleSave(delay = SAVE_DELAY_MS): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), delay);
  }

  /** Saves a change not saved yet; the page calls it when it is hidden or closed. */
  flushPending(): void {
    if (this.saveTimer !== undefined) this.flush();
  }

  /** Saves now, unless another tab's save is waiting for the user's decision. */
  flush(force = false): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.conflict && !force) return;
    const persistence = this.persistence;
    if (!persistence) {
      // Only in the moment before the saving code has loaded; the save follows it.
      void this.loadPersistence().then(() => this.flush(force));
      return;
    }
    // A run that did not fit last time is left out again straight away while its text is unchanged.
    const omit = this.omitted.filter((f) => this.omittedText.get(f) === this.ws[f].text);
    const result = persistence.saveWorksheet(this.deps.storage, this.ws, this.session, {
      force,
      omit,
      now: this.deps.clock.now(),
    });
    if (result.status === 'conflict') {
      this.conflict = result.theirs;
    } else if (result.status === 'saved') {
      this.session.revision = result.revision;
      this.omitted = result.omitted;
      this.omittedText = new Map(result.omitted.map((f) => [f, this.ws[f].text]));
      this.saveProblem = result.message;
      this.conflict = undefined;
      this.lastSavedAt = this.deps.clock.now();
    } else {
      this.saveProblem = result.message;
    }
    this.emit('storage');
  }

  /** Another tab changed storage (a `storage` event): a newer save of the worksheet waits for the user's choice. */
  async storageChanged(event: { key: string | null; newValue: string | null }): Promise<void> {
    const { foreignSave } = await this.loadPersistence();
    // Storage cleared in another tab (key null) or the worksheet removed there: this tab's worksheet is
    // now the only copy, so it is saved again at once and the user is told.
    if (event.key === null || (event.key === STORAGE_KEY && event.newValue === null)) {
      if (this.isEmpty()) return;
      this.conflict = undefined;
      this.messages = [
        ...this.messages.filter((m) => m.kind !== 'cleared'),
        {
          kind: 'cleared',
          message:
            "This site's storage was cleared in another tab or window. The worksheet in this tab was saved again, so a reload brings it back; use Start over if you want it gone.",
        },
      ];
      this.flush(true);
      return;
    }
    const theirs = foreignSave(event, this.session);
    if (!theirs) return;
    this.conflict = theirs;
    this.emit('storage');
  }

  private isEmpty(): boolean {
    const { input, after, picks, shelved, threatModel } = this.ws;
    return (
      !input.text &&
      !after.text &&
      picks.length + shelved.length + threatModel.docker.length + threatModel.kubernetes.length ===
        0
    );
  }

  /** Takes the worksheet another tab saved. */
  loadNewer(): void {
    const persistence = this.persistence;
    if (!persistence) return;
    this.conflict = undefined;
    this.forgetRuns();
    this.restore(persistence.loadWorksheet(this.deps.storage, this.deps.clock.now()));
  }

  /** Keeps this tab's worksheet, saving it over the other tab's. */
  keepMine(): void {
    this.flush(true);
  }

  /** Replaces the worksheet (import, start over) and re-reads its runs. */
  replace(worksheet: Worksheet): void {
    this.forgetRuns();
    this.dispatch({ type: 'replace', worksheet });
    this.emit('run', 'after');
    this.reanalyze();
  }

  /** Empties the worksheet and saves that at once, over any other tab's version: the user asked for it. */
  startOver(): void {
    this.forgetRuns();
    this.dispatch({ type: 'start-over' });
    this.emit('run', 'after');
    this.flush(true);
  }

  dismissMessage(m: StorageMessage): void {
    this.messages = this.messages.filter((x) => x !== m);
    this.emit('storage');
  }
}
