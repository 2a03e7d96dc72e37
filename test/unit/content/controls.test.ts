import { describe, expect, it } from 'vitest';
import { controlResolver } from '../../../src/lib/content/controls';

describe('controlResolver', () => {
  const resolve = controlResolver([
    {
      checkSet: 'docker-bench-security-1.6.1',
      checks: [
        {
          id: '5.11',
          title: 'Ensure memory usage for containers is limited',
          concept: 'memory-limit',
        },
      ],
    },
    // docker-bench-security v1.6.0 claims CIS 1.6.0 but numbers the memory limit 5.10.
    {
      checkSet: 'docker-bench-security-1.6.0',
      checks: [
        {
          id: '5.10',
          title: 'Ensure that the memory usage for containers is limited',
          concept: 'memory-limit',
        },
      ],
    },
  ]);

  it("takes ids and titles from the benchmark's reference check set only", () => {
    expect(resolve('cis-docker-1.6.0', '5.11')).toEqual({
      title: 'Ensure memory usage for containers is limited',
      concept: 'memory-limit',
    });
    expect(resolve('cis-docker-1.6.0', '5.10')).toBeUndefined();
  });

  it('knows nothing of a check no catalog lists', () => {
    expect(resolve('cis-docker-1.2.0', '5.11')).toBeUndefined();
  });
});
