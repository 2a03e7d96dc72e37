import { describe, expect, test } from 'vitest';
import { type Worksheet } from '../../../src/lib/worksheet/schema';
import {
  foreignSave,
  isQuotaError,
  loadWorksheet,
  saveWorksheet,
} from '../../../src/lib/worksheet/storage';
import { MemoryStorage } from './helpers';
import {
  emptyWorksheet,
  WORKSHEET_FORMAT,
  ASIDE_PREFIX,
  META_KEY,
  STORAGE_KEY,
} from '../../../src/lib/worksheet/worksheet';

const now = new Date('2025-05-01T10:00:00.000Z');
const pick = {
  findingId: '2.15',
  title: 'Ensure live restore is Enabled',
  concept: 'live-restore',
  threat: 'DOCKER-D-01',
  ownThreat: '',
  why: 'Restarts kill service.',
  steps: 'live-restore: true',
  verify: 'docker info',
  status: 'planned' as const,
};
const sample: Worksheet = {
  input: { text: '[FAIL] 2.15 Ensure live restore is Enabled' },
  after: { text: '' },
  picks: [pick],
  shelved: [],
  threatModel: { docker: [], kubernetes: [] },
  exerciseRules: true,
};
const asideKeys = (s: MemoryStorage) =>
  [...s.data.keys()].filter((k) => k.startsWith(ASIDE_PREFIX));

describe('loadWorksheet and saveWorksheet', () => {
  test('an empty storage gives an empty worksheet and no message', () => {
    expect(loadWorksheet(new MemoryStorage(), now)).toEqual({
      worksheet: emptyWorksheet(),
      revision: 0,
      messages: [],
      omitted: [],
    });
  });

  test('what is saved comes back the same', () => {
    const store = new MemoryStorage();
    const saved = saveWorksheet(store, sample, { tabId: 'a', revision: 0 }, { now });
    expect(saved).toEqual({ status: 'saved', revision: 1, omitted: [] });
    expect(loadWorksheet(store, now)).toEqual({
      worksheet: sample,
      revision: 1,
      messages: [],
      omitted: [],
    });
  });

  test('corrupt JSON is set aside under its own key and reported', () => {
    const store = new MemoryStorage();
    store.setItem(STORAGE_KEY, '{"format":"container-stride-worksheet", trunc');
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet).toEqual(emptyWorksheet());
    expect(loaded.messages).toHaveLength(1);
    expect(loaded.messages[0]!.kind).toBe('set-aside');
    expect(loaded.messages[0]!.message).toMatch(
      /damaged and could not be read.*kept in this browser's storage under "container-stride:worksheet:set-aside:2025-05-01T10:00:00.000Z"/
    );
    expect(store.getItem(`${ASIDE_PREFIX}${now.toISOString()}`)).toBe(
      '{"format":"container-stride-worksheet", trunc'
    );
  });

  test('data of an older version is recovered and the original kept', () => {
    const store = new MemoryStorage();
    const old = JSON.stringify({
      version: 0,
      paste: 'old run',
      picks: [
        { id: '5.10', title: 'Ensure memory usage for container is limited', why: 'DoS' },
        { nonsense: true },
      ],
    });
    store.setItem(STORAGE_KEY, old);
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet.input.text).toBe('old run');
    expect(loaded.worksheet.picks).toEqual([
      {
        findingId: '5.10',
        title: 'Ensure memory usage for container is limited',
        threat: '',
        ownThreat: '',
        why: 'DoS',
        steps: '',
        verify: '',
        status: 'planned',
      },
    ]);
    expect(loaded.messages[0]!.kind).toBe('recovered');
    expect(loaded.messages[0]!.message).toMatch(
      /older version of this page\. What could be read was restored: the pasted runs and 1 pick\. 1 pick could not be read\./
    );
    expect(asideKeys(store).map((k) => store.getItem(k))).toEqual([old]);
  });

  test('data of a newer version is kept aside too', () => {
    const store = new MemoryStorage();
    store.setItem(
      STORAGE_KEY,
      JSON.stringify({
        format: WORKSHEET_FORMAT,
        version: 7,
        worksheet: { input: { text: 'x' }, picks: [] },
      })
    );
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet.input.text).toBe('x');
    expect(loaded.messages[0]!.message).toMatch(/newer version/);
    expect(asideKeys(store)).toHaveLength(1);
  });

  test('when even setting aside fails, the original is handed to the page for download', () => {
    const store = new MemoryStorage();
    store.setItem(STORAGE_KEY, 'not json');
    store.limit = 0;
    const msg = loadWorksheet(store, now).messages[0]!;
    expect(msg.original).toBe('not json');
    expect(msg.message).toMatch(/download it now/);
  });

  test('a full quota saves without the pasted run and says so', () => {
    const store = new MemoryStorage();
    store.limit = 2000;
    const big: Worksheet = { ...sample, input: { text: 'x'.repeat(5000) } };
    const saved = saveWorksheet(store, big, { tabId: 'a', revision: 0 }, { now });
    expect(saved.status).toBe('saved');
    if (saved.status !== 'saved') return;
    expect(saved.omitted).toEqual(['input', 'after']);
    expect(saved.message?.message).toMatch(
      /storage is full: your picks and notes are saved, but not the benchmark run \(4\.9 KB\)/
    );
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet.picks).toEqual(big.picks);
    expect(loaded.omitted).toEqual(['input', 'after']);
    expect(loaded.messages[0]!.message).toMatch(/Paste it again/);
  });

  test('a quota too full for anything is reported, not swallowed', () => {
    const store = new MemoryStorage();
    store.limit = 10;
    const saved = saveWorksheet(store, sample, { tabId: 'a', revision: 0 }, { now });
    expect(saved).toMatchObject({ status: 'failed', message: { kind: 'quota' } });
    if (saved.status === 'failed')
      expect(saved.message.message).toMatch(/full, so your changes are not saved/);
  });

  test('blocked storage is reported on load and on save', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(loadWorksheet(blocked, now).messages[0]!.kind).toBe('unavailable');
    expect(saveWorksheet(blocked, sample, { tabId: 'a', revision: 0 }, { now })).toMatchObject({
      status: 'failed',
      message: { kind: 'unavailable' },
    });
  });

  test('recognises quota errors of every browser', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
  });
});

describe('two tabs', () => {
  test('a tab does not overwrite a save made by another tab since it loaded', () => {
    const store = new MemoryStorage();
    const a = { tabId: 'a', revision: 0 };
    const b = { tabId: 'b', revision: 0 };
    const first = saveWorksheet(store, sample, a, { now });
    expect(first.status).toBe('saved');
    const clash = saveWorksheet(store, emptyWorksheet(), b, { now });
    expect(clash).toEqual({
      status: 'conflict',
      theirs: { tabId: 'a', revision: 1, savedAt: now.toISOString() },
    });
    expect(loadWorksheet(store, now).worksheet).toEqual(sample);
    // Tab a keeps saving over its own data.
    expect(saveWorksheet(store, sample, { tabId: 'a', revision: 1 }, { now })).toMatchObject({
      status: 'saved',
      revision: 2,
    });
  });

  test('after loading the newer one, or when forced, a tab saves again', () => {
    const store = new MemoryStorage();
    saveWorksheet(store, sample, { tabId: 'a', revision: 0 }, { now });
    const reloaded = loadWorksheet(store, now);
    expect(
      saveWorksheet(store, sample, { tabId: 'b', revision: reloaded.revision }, { now })
    ).toMatchObject({ status: 'saved', revision: 2 });
    expect(
      saveWorksheet(store, emptyWorksheet(), { tabId: 'a', revision: 1 }, { now, force: true })
    ).toMatchObject({ status: 'saved', revision: 3 });
  });

  test('a storage event from another tab is recognised, one from this tab or an old revision is not', () => {
    const meta = (tabId: string, revision: number) =>
      JSON.stringify({ tabId, revision, savedAt: now.toISOString() });
    const session = { tabId: 'a', revision: 3 };
    expect(foreignSave({ key: META_KEY, newValue: meta('b', 4) }, session)).toEqual({
      tabId: 'b',
      revision: 4,
      savedAt: now.toISOString(),
    });
    expect(foreignSave({ key: META_KEY, newValue: meta('a', 4) }, session)).toBeUndefined();
    expect(foreignSave({ key: META_KEY, newValue: meta('b', 3) }, session)).toBeUndefined();
    expect(foreignSave({ key: STORAGE_KEY, newValue: '{}' }, session)).toBeUndefined();
    expect(foreignSave({ key: META_KEY, newValue: 'garbage' }, session)).toBeUndefined();
  });
});

test('a Docker worksheet saved before picks had node types loads unchanged, with no message', () => {
  const store = new MemoryStorage();
  // Exactly what the page stored for a Docker worksheet, written out by hand so a schema change cannot rewrite it.
  const saved =
    '{"format":"container-stride-worksheet","version":1,"savedAt":"2025-04-01T09:00:00.000Z","worksheet":{"input":{"text":"[FAIL] 2.15 Ensure live restore is Enabled"},"after":{"text":""},"picks":[{"findingId":"2.15","title":"Ensure live restore is Enabled","concept":"live-restore","threat":"DOCKER-D-01","ownThreat":"","why":"Restarts kill service.","steps":"live-restore: true","verify":"docker info","status":"verified","evidence":{"findingId":"2.15","title":"Ensure live restore is Enabled","status":"PASS","outcome":"pass","line":3,"matchedBy":"concept","recordedAt":"2025-04-01T08:59:00.000Z"}}],"shelved":[]}}';
  store.setItem(STORAGE_KEY, saved);
  const loaded = loadWorksheet(store, now);
  expect(loaded.messages).toEqual([]);
  // Version 1 had no threat model and knew only the exercise's rules; nothing else changes.
  expect(loaded.worksheet).toEqual({
    ...(JSON.parse(saved) as { worksheet: Worksheet }).worksheet,
    threatModel: { docker: [], kubernetes: [] },
    exerciseRules: true,
  });
  expect(loaded.worksheet.picks[0]).not.toHaveProperty('nodeType');
});
