// The library entry for plain Node (`import { resolveIndex } from 'vecstage'`): vecstage ships TypeScript
// sources run through tsx, so the loader is registered first and the sources are imported after it. The default
// export is the whole library; the named exports below are the typed functions behind each command.
import { register } from 'tsx/esm/api';

register();
const lib = await import('../src/index.ts');
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
