/** The worksheet's elements that load after the page: the step navigator and the exports. */
export { ExportPanel } from './export-panel';
export { PrintWriteup } from './print-writeup';
export { StepNav } from './step-nav';
export { WriteupExport } from './writeup-export';
