/** URL builders, so every link to a threat, model or check is spelled one way. */

export const threatPath = (id: string): string => `/threats/${id.toLowerCase()}/`;
export const modelPath = (platform: string): string => `/${platform}/`;
export const componentAnchor = (componentId: string): string => `component-${componentId}`;
export const componentPath = (platform: string, componentId: string): string =>
  `/${platform}/#${componentAnchor(componentId)}`;
export const checkPath = (platform: string, concept: string): string =>
  `/checks/${platform}/${concept}/`;
export const boundaryAnchor = (boundaryId: string): string => boundaryId.toLowerCase();
export const boundaryPath = (platform: string, boundaryId: string): string =>
  `/${platform}/#${boundaryAnchor(boundaryId)}`;
export const diagramPath = (platform: string): string => `/${platform}/diagram/`;
