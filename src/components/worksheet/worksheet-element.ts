import { withWorksheetStore } from './store-context';
import type { Topic, WorksheetStore } from './worksheet-store';

/**
 * The base of the worksheet's custom elements: it finds the page's store when the element connects,
 * and undoes everything the element set up (store subscriptions, listeners given `this.signal`) when it
 * disconnects, so an element taken out of the page leaves nothing behind.
 */
export abstract class WorksheetElement extends HTMLElement {
  private connection: AbortController | undefined;
  private unsubscribes: (() => void)[] = [];
  private storeOrUndefined: WorksheetStore | undefined;

  /** The page's store; there from `connect` on. */
  protected get store(): WorksheetStore {
    if (!this.storeOrUndefined) throw new Error(`<${this.localName}> has no worksheet store yet`);
    return this.storeOrUndefined;
  }

  /** Aborts when the element disconnects: pass it to addEventListener. */
  protected get signal(): AbortSignal {
    if (!this.connection) throw new Error(`<${this.localName}> is not connected`);
    return this.connection.signal;
  }

  connectedCallback(): void {
    this.connection = new AbortController();
    withWorksheetStore(this, this.connection.signal, (store) => {
      this.storeOrUndefined = store;
      this.connect();
    });
  }

  disconnectedCallback(): void {
    this.connection?.abort();
    this.connection = undefined;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  /** Sets the element up and shows the store's current state. */
  protected abstract connect(): void;

  /** Calls `listener` on each change of `topic` while the element is connected. */
  protected listen(topic: Topic, listener: () => void): void {
    this.unsubscribes.push(this.store.on(topic, listener));
  }
}
