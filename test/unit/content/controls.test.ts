import { describe, expect, it } from 'vitest';
import { controlResolver } from '../../../src/lib/content/controls';

describe('controlResolver', () => {
  const resolve = controlResolver(
    [
      { checkSet: 'docker-bench-security-1.6.1', benchmark: 'cis-docker-1.6.0', checks: [{ id: '5.11', title: 'Ensure memory usage for containers is limited', concept: 'memory-limit' }] },
      // docker-bench-security v1.6.0 claims CIS 1.6.0 but numbers the memory limit 5.10.
      { checkSet: 'docker-bench-security-1.6.0', benchmark: 'cis-docker-1.6.0', checks: [{ id: '5.10', title: 'Ensure that the memory usage for containers is limited', concept: 'memory-limit' }] },
    ],
    [{ benchmark: 'cis-kubernetes-1.12', checks: [{ id: '4.2.1', title: 'Ensure that the --anonymous-auth argument is set to false' }] }],
  );

  it("takes ids and titles from the benchmark's reference check set only", () => {
    expect(resolve('cis-docker-1.6.0', '5.11')).toEqual({ title: 'Ensure memory usage for containers is limited', concept: 'memory-limit' });
    expect(resolve('cis-docker-1.6.0', '5.10')).toBeUndefined();
  });

  it('falls back to a control index, which has no concept pages', () => {
    expect(resolve('cis-kubernetes-1.12', '4.2.1')).toEqual({ title: 'Ensure that the --anonymous-auth argument is set to false' });
  });

  it('knows nothing of a check no catalog lists', () => {
    expect(resolve('cis-docker-1.2.0', '5.11')).toBeUndefined();
  });
});
