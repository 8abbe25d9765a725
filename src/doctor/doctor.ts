/**
 * `vecstage doctor`: for every environment, can we reach its backend, does its live index exist and match the
 * embedding contract, are its sealed rules sane. Each finding says what is wrong and how to fix it.
 */
import type { ResolvedConfig, ResolvedEnv } from '../config/types.js';
import type { VectorBackend } from '../backends/types.js';
import { openBackend } from '../backends/open.js';
import { openPointerStore } from '../pointer/open.js';
import { checkContract, contractSide } from '../safety/contract.js';
import { checkPipelineContract } from '../config/pipeline-contract.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  env: string;
  check: 'connectivity' | 'credentials' | 'pointer' | 'contract' | 'sealed' | 'pipeline';
  status: CheckStatus;
  detail: string;
  fix: string | null;
}

export interface DoctorResult {
  config: string;
  checks: DoctorCheck[];
  ok: boolean;
}

export interface DoctorOptions {
  config: ResolvedConfig;
  processEnv: NodeJS.ProcessEnv;
  /** injectable for tests */
  open?: (target: ResolvedEnv) => Promise<VectorBackend>;
}

export async function doctor(o: DoctorOptions): Promise<DoctorResult> {
  const checks: DoctorCheck[] = [];
  const open = o.open ?? ((t: ResolvedEnv) => openBackend(t, { processEnv: o.processEnv }));
  for (const env of Object.values(o.config.environments)) {
    const target = { config: o.config, env };
    const add = (check: DoctorCheck['check'], status: CheckStatus, detail: string, fix: string | null = null) => checks.push({ env: env.name, check, status, detail, fix });
    if (env.backend.kind === 'pinecone' && !o.processEnv[env.backend.apiKeyEnv]) {
      add('credentials', 'fail', `${env.backend.apiKeyEnv} is not set`, `export ${env.backend.apiKeyEnv}=<your Pinecone API key> (or set apiKeyEnv to the variable that holds it)`);
      continue;
    }
    if (env.backend.kind === 'chroma' && env.backend.tokenEnv && !o.processEnv[env.backend.tokenEnv]) {
      add('credentials', 'warn', `${env.backend.tokenEnv} is not set; connecting without a token`, `export ${env.backend.tokenEnv}=<token>`);
    }
    let backend: VectorBackend;
    try {
      backend = await open(target);
    } catch (err) {
      add('connectivity', 'fail', (err as Error).message, env.backend.kind === 'chroma' && env.backend.url !== 'embedded' ? `start the Chroma server at ${env.backend.url} or fix environments.${env.name}.backend.url` : 'check the backend settings in vecstage.config.json');
      continue;
    }
    try {
      const version = await backend.version();
      const infos = await backend.listIndexes();
      add('connectivity', 'ok', `${env.backend.kind} ${version}, ${infos.length} indexes`);
      const pointer = await openPointerStore(target, backend);
      const live = (await pointer.read()).current;
      if (live === null) {
        add('pointer', env.sealed ? 'warn' : 'ok', `no live index yet (${pointer.location})`, env.sealed ? `vecstage promote --env ${env.name} --index ${env.index}-v<N>` : null);
      } else {
        const info = infos.find((i) => i.name === live);
        if (!info) add('pointer', 'fail', `the pointer targets "${live}", which does not exist`, `vecstage rollback --env ${env.name}, or promote an existing version`);
        else {
          add('pointer', 'ok', `live: ${live} (${info.count} records)`);
          try {
            checkContract(contractSide(`the config`, o.config.embedding), contractSide(`index "${live}"`, { ...info.provenance, dimension: info.dimension, metric: info.metric }));
            add('contract', 'ok', `${info.provenance?.model ?? 'unknown model'}, dim ${info.dimension}, ${info.metric}`);
          } catch (err) {
            add('contract', 'fail', (err as Error).message, 're-embed and reload with the configured model, or fix the embedding section of vecstage.config.json');
          }
        }
      }
    } catch (err) {
      add('connectivity', 'fail', (err as Error).message, 'check that the backend is reachable');
    } finally {
      await backend.close();
    }
    if (env.sealed) add('sealed', 'ok', 'load, drop and bench need --allow-sealed and VECSTAGE_ALLOW_SEALED=1');
    else if (/prod/i.test(env.name)) add('sealed', 'warn', `environment "${env.name}" looks like production but is not sealed`, `set environments.${env.name}.sealed: true`);
  }
  // pipelines: the declared contract and the credentials they need (no embedding call: doctor costs nothing)
  for (const p of Object.values(o.config.pipelines)) {
    const add = (status: CheckStatus, detail: string, fix: string | null = null) => checks.push({ env: '*', check: 'pipeline', status, detail: `pipeline "${p.name}": ${detail}`, fix });
    try {
      checkPipelineContract(p, o.config.embedding, 'the config\'s embedding section');
    } catch (err) {
      add('fail', (err as Error).message, `set pipelines.${p.name}.embedder.model/dimension to the embedding contract, or change the contract`);
      continue;
    }
    const e = p.embedder;
    if (e.kind === 'openai-compatible' && e.apiKeyEnv && !o.processEnv[e.apiKeyEnv]) add('fail', `${e.apiKeyEnv} is not set`, `export ${e.apiKeyEnv}=<the provider's API key>`);
    else add('ok', `${p.chunker.kind} chunker, ${e.kind} embedder ${e.model}${e.kind === 'openai-compatible' ? ` at ${new URL(e.url).host}` : ''}`);
  }
  // one contract across envs: the live indexes must agree with each other too
  const models = new Set(checks.filter((c) => c.check === 'contract' && c.status === 'ok').map((c) => c.detail));
  if (models.size > 1) checks.push({ env: '*', check: 'contract', status: 'fail', detail: `live indexes disagree: ${[...models].join(' | ')}`, fix: 'every environment must serve the same embedding model, dimension and metric' });
  return { config: o.config.path ?? '(built-in defaults)', checks, ok: checks.every((c) => c.status !== 'fail') };
}
