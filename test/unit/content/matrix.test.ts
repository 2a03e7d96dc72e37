import { describe, expect, it } from 'vitest';
import { strideMatrix, threatsByComponent } from '../../../src/lib/content/matrix';
import type { Component } from '../../../src/lib/content/schema';

const component = (id: string, kind: Component['kind']): Component => ({
  id,
  name: id,
  kind,
  zone: 'z',
  description: 'd',
  ports: [],
});
const components = [
  component('registry', 'external-entity'),
  component('etcd', 'data-store'),
  component('kubelet', 'process'),
];
const threats = [
  {
    id: 'K8S-I-01',
    title: 'Secrets from etcd',
    stride: 'information-disclosure' as const,
    components: ['etcd'],
  },
  {
    id: 'K8S-T-01',
    title: 'Kubelet changes',
    stride: 'tampering' as const,
    components: ['kubelet', 'etcd'],
  },
  {
    id: 'K8S-T-02',
    title: 'Registry tampering',
    stride: 'tampering' as const,
    components: ['registry'],
  },
];

describe('strideMatrix', () => {
  const rows = strideMatrix(components, threats);
  const cell = (c: string, s: string) =>
    rows.find((r) => r.component.id === c)!.cells.find((x) => x.stride === s)!;

  it('puts each threat in the cell of its category for every component it names', () => {
    expect(cell('etcd', 'tampering').threats.map((t) => t.id)).toEqual(['K8S-T-01']);
    expect(cell('etcd', 'information-disclosure').threats.map((t) => t.id)).toEqual(['K8S-I-01']);
    expect(cell('kubelet', 'tampering').threats.map((t) => t.id)).toEqual(['K8S-T-01']);
  });

  it('marks categories that STRIDE-per-element rules out, unless a threat shows otherwise', () => {
    expect(cell('etcd', 'spoofing').applies).toBe(false);
    expect(cell('registry', 'information-disclosure').applies).toBe(false);
    expect(cell('registry', 'tampering').applies).toBe(true);
    expect(cell('kubelet', 'elevation-of-privilege')).toMatchObject({ applies: true, threats: [] });
  });
});

describe('threatsByComponent', () => {
  it('lists each component with its threats in id order', () => {
    const map = threatsByComponent(threats);
    expect(map.get('etcd')?.map((t) => t.id)).toEqual(['K8S-I-01', 'K8S-T-01']);
    expect(map.has('kube-proxy')).toBe(false);
  });
});
