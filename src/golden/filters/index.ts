export { filteredQueries, DEFAULT_NOISE, DEFAULT_TOLERANCE, type FilteredQueriesOptions, type FilteredQueriesResult, type FilteredQueryPick } from './generate.js';
export { analyseFields, MAX_CATEGORIES, type FilterFields } from './fields.js';
export { chooseFilters, type ChosenFilter } from './choose.js';
export { fixturesFilters, type FixturesFiltersOptions, type FixturesFiltersResult } from './run.js';
