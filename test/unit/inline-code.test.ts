import { describe, expect, it } from 'vitest';
import { splitInlineCode } from '../../src/lib/inline-code';

describe('splitInlineCode', () => {
  it('turns backtick pairs into code parts', () => {
    expect(splitInlineCode('Pass `--icc=false` to dockerd.')).toEqual([
      { code: false, text: 'Pass ' },
      { code: true, text: '--icc=false' },
      { code: false, text: ' to dockerd.' },
    ]);
  });

  it('leaves an unpaired backtick and plain text alone', () => {
    expect(splitInlineCode('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
    expect(splitInlineCode('')).toEqual([]);
  });
});
