import { describe, expect, it } from 'vitest';
import {
  LEVELS,
  parseThreatId,
  severityFor,
  STRIDE_CATEGORIES,
  STRIDE_LETTERS,
} from '../../src/lib/stride';

describe('severityFor', () => {
  it('follows the OWASP risk grid', () => {
    const grid = LEVELS.map((l) => LEVELS.map((i) => severityFor(l, i)));
    expect(grid).toEqual([
      ['low', 'low', 'medium'],
      ['low', 'medium', 'high'],
      ['medium', 'high', 'critical'],
    ]);
  });
});

describe('threat ids', () => {
  it('parse into platform, STRIDE letter and number', () => {
    expect(parseThreatId('K8S-I-02')).toEqual({ platform: 'kubernetes', letter: 'I', number: 2 });
    expect(parseThreatId('DOCKER-E-10')).toEqual({ platform: 'docker', letter: 'E', number: 10 });
    expect(parseThreatId('docker-e-10')).toBeUndefined();
    expect(parseThreatId('DOCKER-X-01')).toBeUndefined();
  });

  it('use one distinct letter per STRIDE category', () => {
    expect(STRIDE_CATEGORIES.map((s) => STRIDE_LETTERS[s]).join('')).toBe('STRIDE');
  });
});
