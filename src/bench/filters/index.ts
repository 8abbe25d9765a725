export { FILTERED_BANDS, SELECTIVITY_BANDS, bandOf, type FilteredBand, type SelectivityBandName } from './bands.js';
export { selectivityOf, type Selectivity } from './selectivity.js';
export { recordCalls, type CallRecorder } from './serial-by-query.js';
export { selectivitySection, type SelectivitySectionOptions } from './band-section.js';
