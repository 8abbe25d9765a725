// The library entry for plain Node (`import { resolveIndex } from 'vecstage'`): vecstage ships TypeScript sources,
// loaded from the cached esbuild bundle of src/index.ts (compiled.js) or through tsx when there is none. The default
// export is the whole library; the named exports below are the typed functions behind each command.
import { loadEntry } from './compiled.js';

const lib = await loadEntry('lib');
export default lib;
export const {
  VecstageError,
  loadConfig,
  resolveEnv,
  openBackend,
  sample,
  importRows,
  inspect,
  generateExport,
  readSample,
  iterateSample,
  loadSample,
  openSampleSource,
  promote,
  rollback,
  resolveIndex,
  openPointerStore,
  readGolden,
  groundTruth,
  runBench,
  finishReport,
  evaluateRun,
  formatTrecEval,
  compare,
  renderHtml,
  renderMarkdown,
  writeReport,
  readReport,
  doctor,
  runDemo,
  runCli,
} = lib;
