export { generateExport, type GenerateExportOptions, type GenerateResult } from './write-export.js';
export { renderExport, type RenderedExport } from './render.js';
export { resolveGenerateOptions, GENERATE_DEFAULTS, GENERATOR_VERSION, EXPORT_FORMATS, type ExportFormat, type GenerateOptions, type ResolvedGenerateOptions } from './options.js';
export { BAD_KINDS, EDGE_KINDS, INJECTION_KINDS, type BadKind, type EdgeKind, type InjectionKind } from './kinds.js';
export { groundTruth, type GroundTruth, type StratumCount, type TruthEntry } from './truth.js';
export { planExport, type ExportPlan } from './plan.js';
export { exportLines } from './export-lines.js';
export { xoshiro128, type Random, type RandomFactory } from './random.js';
export { formatComponent, formatVector } from './format-number.js';
