import { describe, expect, test } from 'vitest';
import { importWorksheet } from '../../../src/lib/worksheet/import-worksheet';
import { MAX_OWN_THREATS, MAX_PICKS, overLimits } from '../../../src/lib/worksheet/limits';
import { loadWorksheet, salvagePick } from '../../../src/lib/worksheet/storage';
import {
  ASIDE_PREFIX,
  emptyWorksheet,
  STORAGE_KEY,
  WORKSHEET_FORMAT,
  WORKSHEET_VERSION,
} from '../../../src/lib/worksheet/worksheet';
import { MemoryStorage } from './helpers';

const now = new Date('2025-05-01T10:00:00.000Z');
const threat = (i: number) => ({
  id: `t${i}`,
  stride: 'tampering',
  component: 'registry',
  description: `Threat ${i}`,
});
const pick = (i: number) => ({
  findingId: `5.${i}`,
  title: `Check ${i}`,
  threat: '',
  ownThreat: '',
  why: `why ${i}`,
  steps: '',
  verify: '',
  status: 'planned',
});
const file = (worksheet: Record<string, unknown>) =>
  JSON.stringify({
    format: WORKSHEET_FORMAT,
    version: WORKSHEET_VERSION,
    exportedAt: now.toISOString(),
    worksheet: { ...emptyWorksheet(), ...worksheet },
  });
const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

describe('import limits', () => {
  test('a file of 10,000 threats is refused with the limit named', () => {
    const result = importWorksheet(
      file({ threatModel: { docker: many(10_000, threat), kubernetes: [] } })
    );
    expect(result).toEqual({
      ok: false,
      message:
        'This file holds more than a worksheet keeps, so it was not imported. It has 10,000 Docker threats; a worksheet holds at most 100 threats per platform. Nothing was changed.',
    });
  });

  test('a file of 10,000 picks is refused with the limit named', () => {
    const result = importWorksheet(file({ picks: many(10_000, pick) }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /It has 10,000 picks; a worksheet holds at most 200 picks\./
    );
  });

  test('every list exactly at its limit imports whole', () => {
    const result = importWorksheet(
      file({
        picks: many(MAX_PICKS, pick),
        shelved: many(MAX_PICKS, (i) => pick(i + 1000)),
        threatModel: {
          docker: many(MAX_OWN_THREATS, threat),
          kubernetes: many(MAX_OWN_THREATS, threat),
        },
      })
    );
    expect(result.ok && result.worksheet.picks.length).toBe(MAX_PICKS);
    expect(result.ok && result.worksheet.threatModel.kubernetes.length).toBe(MAX_OWN_THREATS);
  });

  test('one over a limit is named; the others are not', () => {
    expect(
      overLimits({
        picks: many(MAX_PICKS, pick),
        shelved: many(MAX_PICKS + 1, pick),
        threatModel: { docker: many(MAX_OWN_THREATS, threat), kubernetes: many(101, threat) },
      })
    ).toEqual([
      'It has 101 Kubernetes threats; a worksheet holds at most 100 threats per platform.',
      'It has 201 removed picks; a worksheet holds at most 200 removed picks.',
    ]);
  });
});

describe('saved data beyond the limits', () => {
  test('is set aside, restored up to the limits and marked for saving again', () => {
    const store = new MemoryStorage();
    const raw = JSON.stringify({
      format: WORKSHEET_FORMAT,
      version: WORKSHEET_VERSION,
      savedAt: now.toISOString(),
      worksheet: {
        ...emptyWorksheet(),
        picks: many(10_000, pick),
        threatModel: { docker: many(10_000, threat), kubernetes: [] },
      },
    });
    store.setItem(STORAGE_KEY, raw);
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet.picks).toHaveLength(MAX_PICKS);
    expect(loaded.worksheet.picks[0]!.why).toBe('why 0');
    expect(loaded.worksheet.threatModel.docker).toHaveLength(MAX_OWN_THREATS);
    expect(loaded.recovered).toBe(true);
    expect(loaded.messages[0]!.message).toMatch(
      /It has 10,000 Docker threats; .* It has 10,000 picks; .* The first 100 threats of each platform and the first 200 picks were restored\./
    );
    expect(store.getItem(`${ASIDE_PREFIX}${now.toISOString()}`)).toBe(raw);
  });
});

describe('a pick with one invalid value', () => {
  const written = {
    ...pick(12),
    why: 'Stops writes to the image layers.',
    steps: 'docker run --read-only',
    verify: 'docker inspect',
  };

  test('keeps every valid field and resets the invalid one to its default', () => {
    expect(salvagePick({ ...written, status: 'done' })).toEqual({
      pick: { ...written, status: 'planned' },
      reset: ['status'],
    });
    expect(salvagePick({ ...written, why: 42, threat: null })).toEqual({
      pick: { ...written, why: '', threat: '' },
      reset: ['threat', 'reason'],
    });
  });

  test('a verified pick whose evidence cannot be read is no longer verified', () => {
    expect(salvagePick({ ...written, status: 'verified', evidence: { findingId: 5 } })).toEqual({
      pick: { ...written, status: 'applied' },
      reset: ['evidence'],
    });
  });

  test('without a finding id nothing ties it to a check, so it is not kept', () => {
    expect(salvagePick({ ...written, findingId: '' })).toBeUndefined();
    expect(salvagePick('5.12')).toBeUndefined();
  });

  test('on import the pick is kept with its text and the message names what was reset', () => {
    const result = importWorksheet(
      file({ picks: [{ ...written, status: 'done' }, pick(3), { ...pick(4), steps: [] }] })
    );
    expect(result.ok && result.worksheet.picks.map((p) => [p.findingId, p.status, p.why])).toEqual([
      ['5.12', 'planned', 'Stops writes to the image layers.'],
      ['5.3', 'planned', 'why 3'],
      ['5.4', 'planned', 'why 4'],
    ]);
    expect(result.ok && result.message).toBe(
      'Parts of this worksheet could not be read; what could be read was imported (3 picks). Values that could not be read were reset to their defaults, the rest of each pick kept: 5.12 (status); 5.4 (hardening steps).'
    );
  });

  test('on load from storage the same, and the recovered worksheet is marked for saving', () => {
    const store = new MemoryStorage();
    store.setItem(
      STORAGE_KEY,
      JSON.stringify({
        format: WORKSHEET_FORMAT,
        version: WORKSHEET_VERSION,
        savedAt: now.toISOString(),
        worksheet: { ...emptyWorksheet(), picks: [{ ...written, status: 'done' }] },
      })
    );
    const loaded = loadWorksheet(store, now);
    expect(loaded.worksheet.picks).toEqual([{ ...written, status: 'planned' }]);
    expect(loaded.recovered).toBe(true);
    expect(loaded.messages[0]!.message).toMatch(/is partly damaged.*: 5\.12 \(status\)\./);
  });
});
