import { describe, expect, test } from 'vitest';
import { worksheetJson } from '../../../src/lib/worksheet/export';
import { migrateWorksheetData } from '../../../src/lib/worksheet/migrate';
import { type Worksheet } from '../../../src/lib/worksheet/schema';
import { loadWorksheet, saveWorksheet } from '../../../src/lib/worksheet/storage';
import { MemoryStorage } from './helpers';
import { importWorksheet } from '../../../src/lib/worksheet/import-worksheet';
import {
  WORKSHEET_FORMAT,
  WORKSHEET_VERSION,
  ASIDE_PREFIX,
  STORAGE_KEY,
} from '../../../src/lib/worksheet/worksheet';

const now = new Date('2025-05-02T10:00:00.000Z');

// A version 1 worksheet with every field the earlier page saved, written out by hand so no schema change can rewrite it.
const V1_WORKSHEET = {
  input: {
    text: '[FAIL] 5.10 Ensure that the memory usage for container is limited (Scored)\n[FAIL] 2.15 Ensure live restore is Enabled',
    fileName: 'before.txt',
  },
  after: {
    text: '[PASS] 5.10 Ensure that the memory usage for container is limited (Scored)',
    fileName: 'after.txt',
  },
  picks: [
    {
      findingId: '5.10',
      title: 'Ensure that the memory usage for container is limited (Scored)',
      concept: 'memory-limit',
      threat: 'DOCKER-D-01',
      ownThreat: 'Docker host: a runaway build container',
      why: 'One container could take all memory.',
      steps: 'docker run --memory 256m ...',
      verify: 'docker inspect --format {{.HostConfig.Memory}}',
      status: 'verified',
      evidence: {
        findingId: '5.10',
        title: 'Ensure that the memory usage for container is limited (Scored)',
        status: 'PASS',
        outcome: 'pass',
        line: 1,
        matchedBy: 'concept',
        recordedAt: '2025-04-01T08:59:00.000Z',
      },
    },
    {
      findingId: '2.15',
      title: 'Ensure live restore is Enabled',
      threat: 'own',
      ownThreat: 'Docker daemon restarts',
      why: '',
      steps: 'live-restore: true',
      verify: '',
      status: 'planned',
    },
  ],
  shelved: [
    {
      findingId: '4.5',
      title: 'Ensure Content trust for Docker is Enabled',
      threat: 'DOCKER-T-01',
      ownThreat: '',
      why: 'Signed images.',
      steps: '',
      verify: '',
      status: 'applied',
    },
  ],
};

const v1Saved = (worksheet: unknown = V1_WORKSHEET, extra: object = {}) =>
  JSON.stringify({
    format: WORKSHEET_FORMAT,
    version: 1,
    savedAt: '2025-04-01T09:00:00.000Z',
    ...extra,
    worksheet,
  });

describe('version 1 to 2', () => {
  test('the worksheet gains an empty threat model and keeps everything else', () => {
    const migrated = migrateWorksheetData(JSON.parse(v1Saved())) as {
      version: number;
      worksheet: Worksheet;
    };
    expect(migrated.version).toBe(2);
    expect(migrated.worksheet).toEqual({
      ...V1_WORKSHEET,
      threatModel: { docker: [], kubernetes: [] },
    });
  });

  test('a saved version 1 worksheet loads with every field, no message, nothing set aside, and saves as the current version', () => {
    const store = new MemoryStorage();
    store.setItem(STORAGE_KEY, v1Saved(V1_WORKSHEET, { omitted: ['after'] }));
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet).toEqual({
      ...V1_WORKSHEET,
      threatModel: { docker: [], kubernetes: [] },
      exerciseRules: true,
    });
    expect(loaded.omitted).toEqual(['after']);
    expect(loaded.messages.map((m) => m.kind)).toEqual(['omitted']);
    expect([...store.data.keys()].some((k) => k.startsWith(ASIDE_PREFIX))).toBe(false);
    expect(
      saveWorksheet(store, loaded.worksheet, { tabId: 't', revision: loaded.revision }, { now })
        .status
    ).toBe('saved');
    expect(JSON.parse(store.getItem(STORAGE_KEY)!)).toMatchObject({
      version: WORKSHEET_VERSION,
      worksheet: { picks: V1_WORKSHEET.picks },
    });
  });

  test('an exported version 1 file imports with every field', () => {
    const result = importWorksheet(
      JSON.stringify({
        format: WORKSHEET_FORMAT,
        version: 1,
        exportedAt: '2025-04-01T09:00:00.000Z',
        worksheet: V1_WORKSHEET,
      })
    );
    expect(result).toEqual({
      ok: true,
      worksheet: {
        ...V1_WORKSHEET,
        threatModel: { docker: [], kubernetes: [] },
        exerciseRules: true,
      },
    });
  });

  test('when migration cannot make the data valid, what can be read is restored and the original is set aside', () => {
    const store = new MemoryStorage();
    const broken = { ...V1_WORKSHEET, picks: [...V1_WORKSHEET.picks, { findingId: 42 }] };
    const raw = v1Saved(broken);
    store.setItem(STORAGE_KEY, raw);
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet.picks).toHaveLength(2);
    expect(loaded.worksheet.threatModel).toEqual({ docker: [], kubernetes: [] });
    expect(loaded.messages[0]).toMatchObject({
      kind: 'recovered',
      key: `${ASIDE_PREFIX}${now.toISOString()}`,
    });
    expect(store.getItem(`${ASIDE_PREFIX}${now.toISOString()}`)).toBe(raw);
  });

  test('data of the current version, of an unknown version and of another format passes unchanged', () => {
    const current = JSON.parse(
      worksheetJson(
        {
          ...V1_WORKSHEET,
          threatModel: { docker: [], kubernetes: [] },
          exerciseRules: true,
        } as Worksheet,
        now
      )
    ) as unknown;
    expect(migrateWorksheetData(current)).toBe(current);
    const future = { format: WORKSHEET_FORMAT, version: 9, worksheet: {} };
    expect(migrateWorksheetData(future)).toBe(future);
    const ancient = { format: WORKSHEET_FORMAT, version: 0, worksheet: {} };
    expect(migrateWorksheetData(ancient)).toBe(ancient);
    expect(migrateWorksheetData('text')).toBe('text');
  });
});

test('a threat model survives a save and a load, and a damaged entry costs only that entry', () => {
  const store = new MemoryStorage();
  const threatModel = {
    docker: [
      {
        id: 'a',
        origin: 'DOCKER-D-01',
        stride: 'denial-of-service' as const,
        component: 'containers',
        description: 'No memory limit.',
      },
    ],
    kubernetes: [{ id: 'b', stride: '' as const, component: '', description: 'Half written' }],
  };
  const ws = { ...(V1_WORKSHEET as unknown as Worksheet), threatModel, exerciseRules: false };
  saveWorksheet(store, ws, { tabId: 't', revision: 0 }, { now });
  expect(loadWorksheet(store, now).worksheet).toEqual(ws);
  const damaged = JSON.parse(store.getItem(STORAGE_KEY)!) as {
    worksheet: { threatModel: { docker: unknown[] } };
  };
  damaged.worksheet.threatModel.docker.push({ stride: 'not-a-category' });
  store.setItem(STORAGE_KEY, JSON.stringify(damaged));
  expect(loadWorksheet(store, now).worksheet.threatModel).toEqual(threatModel);
});
