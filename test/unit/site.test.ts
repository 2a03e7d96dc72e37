import { describe, expect, it } from 'vitest';
import { url, withBase } from '../../src/lib/site';

describe('withBase', () => {
  it('puts a site path under the base path, keeping its query and fragment', () => {
    expect(withBase('/sub/', '/threats/docker-e-01/#mitigations')).toBe(
      '/sub/threats/docker-e-01/#mitigations'
    );
    expect(withBase('/sub/', '/search/?q=etcd')).toBe('/sub/search/?q=etcd');
    expect(withBase('/sub/', '/')).toBe('/sub/');
    expect(withBase('/a/b', '/favicon.svg')).toBe('/a/b/favicon.svg');
  });

  it('leaves a site served from the root as it is', () => {
    expect(withBase('/', '/worksheet-data.json')).toBe('/worksheet-data.json');
    expect(withBase('/', '/')).toBe('/');
  });
});

describe('url', () => {
  it('uses the base path of the build, the root in tests', () => {
    expect(url('/docker/')).toBe(withBase(import.meta.env.BASE_URL, '/docker/'));
    expect(url('/docker/')).toBe('/docker/');
  });
});
