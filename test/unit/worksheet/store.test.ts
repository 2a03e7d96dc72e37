import { describe, expect, test, vi } from 'vitest';
import { WorksheetStore } from '../../../src/components/worksheet/worksheet-store';
import { WORKSHEET_DATA_URLS } from '../../../src/lib/worksheet/platform';
import { saveWorksheet } from '../../../src/lib/worksheet/storage';
import {
  ASIDE_PREFIX,
  emptyWorksheet,
  STORAGE_KEY,
  WORKSHEET_FORMAT,
  WORKSHEET_VERSION,
} from '../../../src/lib/worksheet/worksheet';
import { fakeWorld, FakeFetch, FakeWorker } from './fakes';
import { aquasecRun, kubeBenchRun, MemoryStorage } from './helpers';

const DOCKER_RUN = aquasecRun('20.10', [
  { tag: 'FAIL', id: '2.15', title: 'Ensure live restore is Enabled' },
  { tag: 'PASS', id: '2.16', title: 'Ensure Userland Proxy is Disabled' },
]);
const OTHER_DOCKER_RUN = aquasecRun('20.10', [
  { tag: 'FAIL', id: '2.16', title: 'Ensure Userland Proxy is Disabled' },
]);
const KUBE_RUN = kubeBenchRun([
  {
    nodeType: 'master',
    id: '1',
    title: 'Master Node Security Configuration',
    checks: [
      {
        tag: 'FAIL',
        id: '1.1.12',
        title: 'Ensure that the etcd data directory ownership is set to etcd:etcd',
      },
    ],
  },
]);

/** The run text the store keeps as saved, after its save timer has run. */
function saved(storage: MemoryStorage, store: WorksheetStore): string | undefined {
  store.flush();
  const raw = storage.getItem(STORAGE_KEY);
  return raw === null
    ? undefined
    : (JSON.parse(raw) as { worksheet: { input: { text: string } } }).worksheet.input.text;
}

describe('the newest result wins', () => {
  test('a parse that a newer paste of the same box overtakes is dropped, on the page and in storage', async () => {
    const world = fakeWorld();
    const { store } = world;
    await store.start();
    world.holdNextWorker();
    const first = store.analyze('input', KUBE_RUN);
    expect(store.parseState('input').parsing).toBe(KUBE_RUN.length);
    const second = store.analyze('input', DOCKER_RUN);
    await second;
    expect(store.run?.tool).toBe('aquasec-docker-bench');
    expect(store.ws.input.text).toBe(DOCKER_RUN);

    // The first worker was stopped; even a reply it had already sent changes nothing.
    expect(world.workers[0]!.terminated).toBe(true);
    world.workers[0]!.release();
    await first;
    expect(store.run?.tool).toBe('aquasec-docker-bench');
    expect(store.ws.input.text).toBe(DOCKER_RUN);
    expect(store.parseState('input').parsing).toBeUndefined();
    await vi.waitFor(() => expect(saved(world.storage, store)).toBe(DOCKER_RUN));
  });

  test('a result that arrives after a newer one, because its catalog was slower, is dropped', async () => {
    const world = fakeWorld();
    const { store, network } = world;
    await store.start();
    network.hold(WORKSHEET_DATA_URLS.kubernetes);
    const first = store.analyze('input', KUBE_RUN);
    // The kube-bench run is parsed; its result waits for the Kubernetes data.
    await vi.waitFor(() => expect(network.requested).toContain(WORKSHEET_DATA_URLS.kubernetes));
    await store.analyze('input', DOCKER_RUN);
    expect(store.run?.tool).toBe('aquasec-docker-bench');
    network.release(WORKSHEET_DATA_URLS.kubernetes);
    await first;
    expect(store.run?.tool).toBe('aquasec-docker-bench');
    expect(store.platform).toBe('docker');
    expect(store.views.map((v) => v.finding.id)).toEqual(['2.15', '2.16']);
    await vi.waitFor(() => expect(saved(world.storage, store)).toBe(DOCKER_RUN));
  });

  test('the box after hardening keeps its newest result too, and the two boxes do not stop each other', async () => {
    const world = fakeWorld();
    const { store } = world;
    await store.start();
    await store.analyze('input', DOCKER_RUN);
    world.holdNextWorker();
    const first = store.analyze('after', DOCKER_RUN);
    const held = world.workers.at(-1)!;
    await Promise.all([
      store.analyze('after', OTHER_DOCKER_RUN),
      store.analyze('input', DOCKER_RUN),
    ]);
    expect(held.terminated).toBe(true);
    expect(world.workers[0]!.terminated).toBe(false);
    held.release();
    await first;
    expect(store.afterRun?.findings.map((f) => f.id)).toEqual(['2.16']);
    expect(store.ws.after.text).toBe(OTHER_DOCKER_RUN);
    expect(store.run?.findings.map((f) => f.id)).toEqual(['2.15', '2.16']);
  });

  test('clearing a box drops the parse under way', async () => {
    const world = fakeWorld();
    const { store } = world;
    await store.start();
    world.holdNextWorker();
    const parse = store.analyze('input', DOCKER_RUN);
    store.dispatch({ type: 'set-input', text: '' });
    store.clearRun('input');
    expect(store.parseState('input').parsing).toBeUndefined();
    world.workers[0]!.release();
    await parse;
    expect(store.run).toBeUndefined();
    expect(store.ws.input.text).toBe('');
  });
});

describe('parsing off the main thread', () => {
  test('a saved run is read again in the worker when the page loads', async () => {
    const storage = new MemoryStorage();
    saveWorksheet(
      storage,
      { ...emptyWorksheet(), input: { text: DOCKER_RUN } },
      { tabId: 'other', revision: 0 }
    );
    const world = fakeWorld(storage);
    await world.store.start();
    await vi.waitFor(() => expect(world.store.run?.tool).toBe('aquasec-docker-bench'));
    expect(world.workers.flatMap((w) => w.requests.map((r) => r.input))).toEqual([DOCKER_RUN]);
  });

  test('the worker learns the run is kube-bench before it is read, so the Kubernetes data is fetched meanwhile', async () => {
    const world = fakeWorld();
    world.holdNextWorker();
    world.store.afterLoad();
    const parse = world.store.analyze('input', KUBE_RUN);
    await vi.waitFor(() => expect(world.workers[0]!.requests).toHaveLength(1));
    world.workers[0]!.onmessage?.({
      data: { id: world.workers[0]!.requests[0]!.id, kind: 'platform', platform: 'kubernetes' },
    });
    await vi.waitFor(() =>
      expect(world.network.requested).toContain(WORKSHEET_DATA_URLS.kubernetes)
    );
    world.workers[0]!.release();
    await parse;
    expect(world.store.platform).toBe('kubernetes');
  });

  test('without workers, or with one that cannot start, runs are parsed on the main thread', async () => {
    const network = new FakeFetch();
    const base = {
      storage: new MemoryStorage(),
      fetch: network.fetch,
      clock: { now: () => new Date() },
      newId: () => 'tab',
    };
    const noWorkers = new WorksheetStore(base);
    await noWorkers.analyze('input', DOCKER_RUN);
    expect(noWorkers.run?.findings).toHaveLength(2);

    const broken = new FakeWorker(true);
    const failing = new WorksheetStore({ ...base, createWorker: () => broken });
    const parse = failing.analyze('input', DOCKER_RUN);
    broken.onerror?.(new Event('error'));
    await parse;
    expect(failing.run?.findings).toHaveLength(2);
    expect(broken.terminated).toBe(true);

    const refused = new WorksheetStore({
      ...base,
      createWorker: () => {
        throw new Error('blocked');
      },
    });
    await refused.analyze('input', DOCKER_RUN);
    expect(refused.run?.findings).toHaveLength(2);
  });
});

describe('subscriptions and catalogs', () => {
  test('on() returns the function that stops the listener', async () => {
    const { store } = fakeWorld();
    const heard: string[] = [];
    const stop = store.on('filter', () => heard.push(store.filter.text));
    store.setFilter({ text: 'a' });
    stop();
    store.setFilter({ text: 'b' });
    expect(heard).toEqual(['a']);
    await store.start();
  });

  test('the threat-model catalog is fetched once and announced; a failed fetch is announced too', async () => {
    const world = fakeWorld();
    let heard = 0;
    world.store.on('threat-catalog', () => heard++);
    await Promise.all([world.store.loadThreatCatalog(), world.store.start()]);
    expect(world.network.requested.filter((u) => u.includes('threat-model'))).toHaveLength(1);
    expect(world.store.threatCatalog?.docker.threats.length).toBeGreaterThan(4);
    expect(heard).toBe(1);

    const failing = new WorksheetStore({
      storage: new MemoryStorage(),
      fetch: () => Promise.reject(new Error('offline')),
      clock: { now: () => new Date() },
      newId: () => 'tab',
    });
    failing.on('threat-catalog', () => heard++);
    await failing.loadThreatCatalog();
    expect(failing.threatCatalogFailed).toBe(true);
    expect(heard).toBe(2);
  });

  test('the tab id and the time come from the injected sources', async () => {
    const world = fakeWorld();
    await world.store.start();
    world.store.dispatch({ type: 'set-input', text: 'x' });
    await vi.waitFor(() => expect(world.store.lastSavedAt).toBeDefined());
    expect(world.store.lastSavedAt?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(JSON.parse(world.storage.getItem('container-stride:worksheet:meta')!)).toMatchObject({
      tabId: 'id-1',
      savedAt: '2026-03-01T10:00:00.000Z',
    });
  });
});

describe('storage that changes under the page', () => {
  const asideKeys = (storage: MemoryStorage) =>
    [...storage.data.keys()].filter((k) => k.startsWith(ASIDE_PREFIX));

  test('a damaged save is set aside once: the recovered worksheet is saved at once, so a reload sets nothing aside again', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        format: WORKSHEET_FORMAT,
        version: WORKSHEET_VERSION,
        savedAt: '2026-03-01T09:00:00Z',
        worksheet: {
          ...emptyWorksheet(),
          picks: [{ findingId: '2.15', title: 'Ensure live restore is Enabled', status: 'done' }],
        },
      })
    );
    const first = fakeWorld(storage);
    await first.store.start();
    expect(first.store.messages.map((m) => m.kind)).toEqual(['recovered']);
    await vi.waitFor(() => expect(first.store.lastSavedAt).toBeDefined());
    expect(asideKeys(storage)).toHaveLength(1);

    for (let reload = 0; reload < 3; reload++) {
      const again = fakeWorld(storage);
      await again.store.start();
      expect(again.store.messages).toEqual([]);
      expect(again.store.ws.picks.map((p) => [p.findingId, p.status])).toEqual([
        ['2.15', 'planned'],
      ]);
    }
    expect(asideKeys(storage)).toHaveLength(1);
  });

  test('storage cleared in another tab (a storage event without a key): the worksheet is saved again and the user told', async () => {
    const world = fakeWorld();
    const { store, storage } = world;
    await store.start();
    await store.analyze('input', DOCKER_RUN);
    store.flush();
    storage.data.clear();
    await store.storageChanged({ key: null, newValue: null });
    expect(store.messages.map((m) => m.message)).toEqual([
      expect.stringMatching(/^This site's storage was cleared in another tab or window\./),
    ]);
    expect(saved(storage, store)).toBe(DOCKER_RUN);
    const reloaded = fakeWorld(storage);
    await reloaded.store.start();
    expect(reloaded.store.ws.input.text).toBe(DOCKER_RUN);
  });

  test('a clear that finds nothing to keep says nothing', async () => {
    const { store, storage } = fakeWorld();
    await store.start();
    await store.storageChanged({ key: null, newValue: null });
    expect(store.messages).toEqual([]);
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });
});

describe('a run of tens of thousands of findings', () => {
  test('arrives from the worker in parts and is shown whole, in order', async () => {
    const checks = Array.from({ length: 25_000 }, (_, i) => ({
      tag: 'FAIL' as const,
      id: `5.${(i % 900) + 1}`,
      title: `Check number ${i + 1}`,
    }));
    const world = fakeWorld();
    await world.store.start();
    const replies: string[] = [];
    world.holdNextWorker();
    const done = world.store.analyze('input', aquasecRun('20.10', checks));
    const worker = world.workers[0]!;
    const onmessage = worker.onmessage!;
    worker.onmessage = (event) => {
      replies.push(event.data.kind);
      onmessage(event);
    };
    worker.release();
    await done;
    expect(replies).toEqual(['findings', 'findings', 'findings', 'run']);
    expect(world.store.views).toHaveLength(25_000);
    expect(world.store.views.map((v) => v.finding.title)).toEqual(checks.map((c) => c.title));
  });
});
