import type { AnalyzedInput, ParseReply, ParseRequest } from '../../lib/worksheet/analyze';
import type { Finding } from '../../lib/bench/types';
import type { Platform } from '../../lib/stride';
import type { RunField } from '../../lib/worksheet/worksheet';

/**
 * Parses runs in workers, one per box, so the page answers whatever is pasted: a newer paste in a box
 * stops the worker still busy with the older one. Without workers (blocked, or failing to start) it
 * parses on the main thread instead.
 */

/** The part of a dedicated Worker the parser uses; tests give a fake. */
export interface ParseWorker {
  postMessage(message: ParseRequest): void;
  terminate(): void;
  onmessage: ((event: { data: ParseReply }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Starts a parsing worker; may throw when the browser refuses to. */
export type WorkerFactory = () => ParseWorker;

interface Pending {
  id: number;
  /** The findings received so far, in the parts the worker sends them. */
  findings: Finding[];
  input: string | Uint8Array;
  onPlatform: (platform: Platform) => void;
  /** Undefined when a newer parse of the same box took its place. */
  resolve: (result: AnalyzedInput | undefined) => void;
}

interface Slot {
  worker: ParseWorker;
  pending?: Pending;
  answered: boolean;
}

export class RunParser {
  private slots = new Map<RunField, Slot>();
  private nextId = 1;
  private workersFailed = false;

  constructor(private readonly createWorker: WorkerFactory | undefined) {}

  /** Starts the box's worker ahead of the first paste, so its code has loaded by then. */
  warm(field: RunField): void {
    if (!this.slots.has(field)) this.start(field);
  }

  /**
   * Parses one input of a box. Resolves undefined when a newer parse of the same box replaced it;
   * `onPlatform` hears early which platform the run is, when the text shows it.
   */
  parse(
    field: RunField,
    input: string | Uint8Array,
    onPlatform: (platform: Platform) => void
  ): Promise<AnalyzedInput | undefined> {
    const busy = this.slots.get(field);
    if (busy?.pending) {
      const dropped = busy.pending;
      busy.pending = undefined;
      busy.worker.terminate();
      this.slots.delete(field);
      dropped.resolve(undefined);
    }
    return new Promise((resolve) => {
      const pending: Pending = { id: this.nextId++, findings: [], input, onPlatform, resolve };
      const slot = this.slots.get(field) ?? this.start(field);
      if (!slot) {
        void this.parseHere(pending);
        return;
      }
      slot.pending = pending;
      slot.worker.postMessage({ id: pending.id, input });
    });
  }

  private start(field: RunField): Slot | undefined {
    if (this.workersFailed || !this.createWorker) return undefined;
    let worker: ParseWorker;
    try {
      worker = this.createWorker();
    } catch {
      this.workersFailed = true;
      return undefined;
    }
    const slot: Slot = { worker, answered: false };
    worker.onmessage = ({ data }) => {
      const pending = slot.pending;
      if (!pending || data.id !== pending.id) return;
      slot.answered = true;
      if (data.kind === 'platform') {
        pending.onPlatform(data.platform);
        return;
      }
      if (data.kind === 'findings') {
        for (const f of data.findings) pending.findings.push(f);
        return;
      }
      slot.pending = undefined;
      pending.resolve({
        run: pending.findings.length ? { ...data.run, findings: pending.findings } : data.run,
        text: typeof pending.input === 'string' ? pending.input : (data.text ?? ''),
      });
    };
    // A worker that cannot start (blocked, old browser) or that died must not leave "Parsing…" forever:
    // parse here instead, and after a failed start, always here.
    worker.onerror = () => {
      if (!slot.answered) this.workersFailed = true;
      worker.terminate();
      if (this.slots.get(field) === slot) this.slots.delete(field);
      const pending = slot.pending;
      slot.pending = undefined;
      if (pending) void this.parseHere(pending);
    };
    this.slots.set(field, slot);
    return slot;
  }

  private async parseHere(pending: Pending): Promise<void> {
    const { analyzeInput } = await import('../../lib/worksheet/analyze');
    pending.resolve(analyzeInput(pending.input));
  }
}
