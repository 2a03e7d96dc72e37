import { STRIDE_CATEGORIES, STRIDE_PER_ELEMENT, type StrideCategory } from '../stride';
import type { Component } from './schema';

/** The part of a threat the matrix needs. */
export interface MatrixThreat {
  id: string;
  title: string;
  stride: StrideCategory;
  components: readonly string[];
}

export interface MatrixCell {
  stride: StrideCategory;
  /** False where STRIDE-per-element says the category does not apply to this kind of element. */
  applies: boolean;
  threats: MatrixThreat[];
}

export interface MatrixRow {
  component: Component;
  cells: MatrixCell[];
}

/** Builds the STRIDE-per-component matrix of a model from its threats. */
export function strideMatrix(
  components: readonly Component[],
  threats: readonly MatrixThreat[]
): MatrixRow[] {
  return components.map((component) => ({
    component,
    cells: STRIDE_CATEGORIES.map((stride) => {
      const hits = threats
        .filter((t) => t.stride === stride && t.components.includes(component.id))
        .sort((a, b) => a.id.localeCompare(b.id));
      // A threat recorded against an element overrides the textbook rule: it applies because it happens.
      return {
        stride,
        applies: STRIDE_PER_ELEMENT[component.kind].includes(stride) || hits.length > 0,
        threats: hits,
      };
    }),
  }));
}

/** Threats grouped by the components they name, in id order. */
export function threatsByComponent<T extends MatrixThreat>(
  threats: readonly T[]
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const t of [...threats].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const c of t.components) map.set(c, [...(map.get(c) ?? []), t]);
  }
  return map;
}
