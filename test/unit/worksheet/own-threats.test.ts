import { describe, expect, test } from 'vitest';
import {
  bestFits,
  blankEntry,
  emptyThreatModel,
  entryFromCatalog,
  filterCatalogThreats,
  findOwnThreat,
  fitOwnThreats,
  ownThreatIdOf,
  ownThreatRef,
  ownThreatText,
  reduceThreatModel,
  type CatalogThreat,
  type OwnThreat,
} from '../../../src/lib/worksheet/own-threats';
import { checkThreats } from '../../../src/lib/worksheet/rules';
import { emptyWorksheet } from '../../../src/lib/worksheet/worksheet';

const T = (
  id: string,
  stride: CatalogThreat['stride'],
  components: string[],
  title = id
): CatalogThreat => ({ id, title, stride, components, summary: `${title} summary` });
const catalog = [
  T(
    'DOCKER-D-01',
    'denial-of-service',
    ['containers', 'host-kernel'],
    'Containers exhaust the host'
  ),
  T('DOCKER-T-01', 'tampering', ['registry', 'image-store'], 'Image replaced in a registry'),
  T('DOCKER-S-02', 'spoofing', ['dockerd']),
];

describe('reduceThreatModel', () => {
  test('adds, edits, moves and removes entries, returning the same object when nothing changes', () => {
    let m = emptyThreatModel();
    m = reduceThreatModel(m, {
      type: 'add-threat',
      platform: 'docker',
      entry: entryFromCatalog('a', catalog[0]!),
    });
    m = reduceThreatModel(m, { type: 'add-threat', platform: 'docker', entry: blankEntry('b') });
    expect(
      reduceThreatModel(m, { type: 'add-threat', platform: 'docker', entry: blankEntry('a') })
    ).toBe(m);
    expect(m.docker[0]).toEqual({
      id: 'a',
      origin: 'DOCKER-D-01',
      stride: 'denial-of-service',
      component: 'containers',
      description: 'Containers exhaust the host summary',
    });
    m = reduceThreatModel(m, {
      type: 'edit-threat',
      platform: 'docker',
      id: 'b',
      patch: { stride: 'tampering', description: 'Mine' },
    });
    expect(m.docker[1]).toMatchObject({ stride: 'tampering', description: 'Mine' });
    m = reduceThreatModel(m, { type: 'move-threat', platform: 'docker', id: 'b', by: -1 });
    expect(m.docker.map((e) => e.id)).toEqual(['b', 'a']);
    expect(reduceThreatModel(m, { type: 'move-threat', platform: 'docker', id: 'b', by: -1 })).toBe(
      m
    );
    expect(
      reduceThreatModel(m, { type: 'edit-threat', platform: 'kubernetes', id: 'b', patch: {} })
    ).toBe(m);
    m = reduceThreatModel(m, { type: 'remove-threat', platform: 'docker', id: 'b' });
    expect(m.docker.map((e) => e.id)).toEqual(['a']);
    expect(m.kubernetes).toEqual([]);
  });
});

describe('filterCatalogThreats', () => {
  test('filters by category, component and every word of the text', () => {
    expect(
      filterCatalogThreats(catalog, { text: '', stride: 'tampering', component: '' }).map(
        (t) => t.id
      )
    ).toEqual(['DOCKER-T-01']);
    expect(
      filterCatalogThreats(catalog, { text: '', stride: '', component: 'host-kernel' }).map(
        (t) => t.id
      )
    ).toEqual(['DOCKER-D-01']);
    expect(
      filterCatalogThreats(catalog, { text: 'registry IMAGE', stride: '', component: '' }).map(
        (t) => t.id
      )
    ).toEqual(['DOCKER-T-01']);
    expect(
      filterCatalogThreats(catalog, {
        text: 'docker-s',
        stride: 'spoofing',
        component: 'dockerd',
      }).map((t) => t.id)
    ).toEqual(['DOCKER-S-02']);
  });
});

describe("a pick's tie to the user's own threats", () => {
  const entries: OwnThreat[] = [
    { id: 'x', stride: 'denial-of-service', component: 'dockerd', description: 'API flood' },
    { id: 'y', stride: 'denial-of-service', component: 'containers', description: 'No limits' },
    {
      id: 'z',
      origin: 'DOCKER-D-01',
      stride: 'denial-of-service',
      component: 'volumes',
      description: 'Started from the catalog',
    },
    { id: 'w', stride: 'tampering', component: 'registry', description: 'Swapped image' },
  ];

  test('fits by catalog origin first, then category and component, then category', () => {
    const fits = fitOwnThreats(entries, [catalog[0]!]);
    expect(fits.map((f) => [f.number, f.reason])).toEqual([
      [3, 'origin'],
      [2, 'stride-component'],
      [1, 'stride'],
    ]);
    expect(bestFits(fits).map((f) => f.entry.id)).toEqual(['z']);
    expect(
      bestFits(fitOwnThreats(entries.slice(0, 2), [catalog[0]!])).map((f) => f.entry.id)
    ).toEqual(['y']);
    expect(fitOwnThreats(entries, [])).toEqual([]);
  });

  test('refers to an entry by id, found wherever it is, in words', () => {
    const model = {
      docker: entries,
      kubernetes: [{ id: 'k', stride: 'spoofing' as const, component: 'kubelet', description: '' }],
    };
    expect(ownThreatIdOf(ownThreatRef('y'))).toBe('y');
    expect(ownThreatIdOf('DOCKER-D-01')).toBeUndefined();
    expect(findOwnThreat(model, ownThreatRef('k'))).toMatchObject({
      platform: 'kubernetes',
      number: 1,
    });
    expect(
      ownThreatText(model, ownThreatRef('y'), (_p, id) =>
        id === 'containers' ? 'Containers' : undefined
      )
    ).toBe('Threat 2 of my Docker threat model (Denial of service, Containers): No limits');
    expect(ownThreatText(model, ownThreatRef('k'))).toBe(
      'Threat 1 of my Kubernetes threat model (Spoofing, kubelet)'
    );
    expect(ownThreatText(model, ownThreatRef('gone'))).toBe(
      'a threat of my own model that has since been removed'
    );
  });

  test('the threat rule accepts an existing entry of the run platform and names what is wrong otherwise', () => {
    const pick = (threat: string) => ({
      findingId: '5.11',
      title: 't',
      threat,
      ownThreat: '',
      why: '',
      steps: '',
      verify: '',
      status: 'planned' as const,
    });
    const ws = {
      ...emptyWorksheet(),
      threatModel: {
        docker: entries,
        kubernetes: [{ id: 'k', stride: '' as const, component: '', description: '' }],
      },
    };
    expect(checkThreats({ ...ws, picks: [pick(ownThreatRef('y'))] }, {}, 'docker')).toEqual([]);
    expect(
      checkThreats({ ...ws, picks: [pick(ownThreatRef('gone'))] }, {}, 'docker')[0]!.message
    ).toBe(
      '5.11 is tied to a threat of your own model that has been removed. Choose another threat.'
    );
    expect(
      checkThreats({ ...ws, picks: [pick(ownThreatRef('k'))] }, {}, 'docker')[0]!.message
    ).toBe(
      '5.11 is tied to your Kubernetes threat 1, but this is a Docker run. Choose one of your Docker threats.'
    );
  });
});
