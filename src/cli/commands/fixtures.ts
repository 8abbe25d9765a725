import { readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CliCommand, type CliContext, type FlagValues, listFlag, numberFlag, stringFlag, writeJson } from '../command.js';
import { VecstageError, invalid } from '../../errors.js';
import { loadConfig, parseJson } from '../../config/load.js';
import { formatGoldenLine, parseGolden, type GoldenQuery, type ParseIssue } from '../../golden/index.js';
import { readVocabulary } from '../../golden/vocabulary.js';
import { validateFilter } from '../../backends/filter.js';
import { fixturesFilters } from '../../golden/filters/index.js';
import { METRICS, type Metric, type ResolvedConfig } from '../../config/types.js';
import { configRelative, STATE_DIR } from '../../config/index.js';

const VERBS = ['validate', 'add', 'tag', 'list', 'filters'] as const;

export const command: CliCommand = {
  name: 'fixtures',
  summary: 'validate, add, tag and list golden queries',
  help: `usage: vecstage fixtures validate <golden.jsonl...> [--sample <dir>] [--vocab fixtures/tags.json] [--json]
       vecstage fixtures add <golden.jsonl> --id <qid> (--embedding '[...]' | --like <sample-dir>:<doc-id>)
                             [--text "..."] [--relevant doc-7=2,doc-9=1] [--tags a,b] [--filter '{"tenant":"acme"}']
       vecstage fixtures tag <golden.jsonl> <qid...> [--add a,b] [--remove c]
       vecstage fixtures list <golden.jsonl> [--tag t] [--json]
       vecstage fixtures filters --sample <dir> --selectivity 0.01,0.1,0.5 --count 50 --out <golden.jsonl>
                             [--tolerance 0.25] [--seed 1] [--noise 0.05] [--truth <file.arrow> [--k 100] [--metric m]]
                             [--force] [--json]

validate checks JSON, unknown keys, duplicate query ids, the embedding dimension (the config's contract, or the
sample's), relevance ids that are not in the sample (--sample), and tags outside the vocabulary (fixtures/tags.json
or --vocab). Every problem is listed with file:line. Exit 0 clean, 1 problems found, 2 unreadable input.

filters derives filtered golden queries from the sample's metadata, for benches by selectivity band. Each target
selectivity (the share of the sample's rows a filter passes, in (0, 1]) gets an equal part of --count queries.
Filters are equalities, $ne, $in on one field, pairs of equalities on two fields, or ranges on numeric fields; a
filter qualifies when its achieved selectivity is within the relative --tolerance of the target (default 0.25:
0.01 accepts 0.0075..0.0125). When the metadata allows no such filter, the nearest achievable one is used and
flagged. The achieved selectivity of every query is printed (and in --json). Selectivity is counted with the
memory backend's filter definition, the one the exact ground truth uses. Each query vector is a sample row's
vector plus Gaussian noise (--noise, relative to its norm), the row drawn uniformly from the whole sample, so
every band sees the same query distribution. --truth also writes the exact filtered top-k, as vecstage truth.`,
  options: {
    sample: { type: 'string' },
    vocab: { type: 'string' },
    id: { type: 'string' },
    text: { type: 'string' },
    embedding: { type: 'string' },
    like: { type: 'string' },
    relevant: { type: 'string' },
    tags: { type: 'string' },
    filter: { type: 'string' },
    add: { type: 'string' },
    remove: { type: 'string' },
    tag: { type: 'string' },
    selectivity: { type: 'string' },
    count: { type: 'string' },
    out: { type: 'string' },
    tolerance: { type: 'string' },
    seed: { type: 'string' },
    noise: { type: 'string' },
    truth: { type: 'string' },
    k: { type: 'string' },
    metric: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: [1, 1000],
  async run({ values, positionals }, ctx) {
    const [verb, ...files] = positionals as [string, ...string[]];
    if (!(VERBS as readonly string[]).includes(verb)) throw invalid('fixtures verb', verb, VERBS.join(', '), undefined, 'USAGE');
    if (verb !== 'filters' && files.length === 0) throw new VecstageError('USAGE', `vecstage fixtures ${verb}: give the golden queries file; usage: vecstage fixtures ${verb} <golden.jsonl> ...`);
    if (verb === 'filters' && files.length > 0) throw new VecstageError('USAGE', `vecstage fixtures filters takes no file argument (got ${files.join(' ')}); the output is --out <golden.jsonl>`);
    const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
    const vocabulary = await readVocabulary(stringFlag(values, 'vocab'), config.dir);
    const ctxFiles = files.map((f) => resolve(ctx.cwd, f));
    switch (verb) {
      case 'validate':
        return validate(ctxFiles, files, values, ctx, config.embedding.dimension, vocabulary);
      case 'list':
        return list(ctxFiles[0]!, files[0]!, values, ctx);
      case 'filters':
        return filters(values, ctx, config, vocabulary);
      case 'add':
        return add(ctxFiles[0]!, files[0]!, values, ctx, config.embedding.dimension, vocabulary);
      default:
        return tag(ctxFiles[0]!, files[0]!, files.slice(1), values, ctx, vocabulary);
    }
  },
};

async function readText(path: string, shown: string, allowMissing = false): Promise<string> {
  if (allowMissing && !existsSync(path)) return '';
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new VecstageError('INPUT', `cannot read ${shown}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function sampleIds(dir: string | undefined, cwd: string): Promise<{ ids: Set<string>; dimension: number } | undefined> {
  if (!dir) return undefined;
  const { openSampleSource } = await import('../../load/arrow-source.js');
  const source = await openSampleSource(dir, cwd);
  const ids = new Set<string>();
  for await (const batch of source.batches(8192)) for (const r of batch) ids.add(r.id);
  return { ids, dimension: source.dimension };
}

async function validate(paths: string[], shown: string[], values: FlagValues, ctx: CliContext, dimension: number, vocabulary: ReadonlySet<string> | undefined): Promise<number> {
  const sample = await sampleIds(stringFlag(values, 'sample'), ctx.cwd);
  const results: Array<{ file: string; queries: number; issues: ParseIssue[] }> = [];
  for (const [i, path] of paths.entries()) {
    const text = await readText(path, shown[i]!);
    const parsed = parseGolden(text, { source: shown[i]!, dimension: dimension || sample?.dimension, vocabulary, textOnly: true });
    const issues = [...parsed.issues];
    if (sample) {
      for (const q of parsed.queries) {
        const unknown = Object.keys(q.relevant).filter((d) => !sample.ids.has(d));
        if (unknown.length) issues.push({ line: q.line, message: `query "${q.id}": relevant ids not in the sample: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` (+${unknown.length - 5})` : ''}` });
      }
    }
    issues.sort((a, b) => a.line - b.line);
    results.push({ file: shown[i]!, queries: parsed.queries.length, issues });
  }
  const problems = results.reduce((n, r) => n + r.issues.length, 0);
  if (values.json) writeJson(ctx, { ok: problems === 0, files: results });
  else {
    for (const r of results) {
      if (r.issues.length === 0) ctx.stdout.write(`${r.file}: ok (${r.queries} queries)\n`);
      for (const issue of r.issues) ctx.stdout.write(`${r.file}:${issue.line}: ${issue.message}\n`);
    }
  }
  return problems === 0 ? 0 : 1;
}

async function loadAll(path: string, shown: string, allowMissing: boolean): Promise<GoldenQuery[]> {
  const text = await readText(path, shown, allowMissing);
  const parsed = parseGolden(text, { source: shown, textOnly: true });
  if (parsed.issues.length) {
    const i = parsed.issues[0]!;
    throw new VecstageError('INPUT', `${shown}:${i.line}: ${i.message} (run vecstage fixtures validate ${shown})`);
  }
  return parsed.queries;
}

async function saveAll(path: string, queries: GoldenQuery[]): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, queries.map((q) => `${formatGoldenLine(q)}\n`).join(''));
  await rename(tmp, path);
}

async function add(path: string, shown: string, values: FlagValues, ctx: CliContext, dimension: number, vocabulary: ReadonlySet<string> | undefined): Promise<number> {
  const id = stringFlag(values, 'id');
  if (!id) throw invalid('--id', id ?? null, 'the new query id', undefined, 'USAGE');
  const queries = await loadAll(path, shown, true);
  if (queries.some((q) => q.id === id)) throw new VecstageError('INPUT', `duplicate query id "${id}": ${shown} already has it`);
  let embedding: Float32Array;
  const emb = stringFlag(values, 'embedding');
  const like = stringFlag(values, 'like');
  if ((emb === undefined) === (like === undefined)) throw new VecstageError('USAGE', 'vecstage fixtures add: give exactly one of --embedding \'[...]\' or --like <sample-dir>:<doc-id>');
  if (emb !== undefined) {
    const arr = parseJson(emb, '--embedding');
    if (!Array.isArray(arr) || arr.some((x) => typeof x !== 'number' || !Number.isFinite(x))) throw invalid('--embedding', emb.slice(0, 40), 'a JSON array of finite numbers', undefined, 'USAGE');
    embedding = Float32Array.from(arr as number[]);
  } else {
    const sep = like!.lastIndexOf(':');
    if (sep <= 0) throw invalid('--like', like, '<sample-dir>:<doc-id>', undefined, 'USAGE');
    const { openSampleSource } = await import('../../load/arrow-source.js');
    const source = await openSampleSource(like!.slice(0, sep), ctx.cwd);
    const docId = like!.slice(sep + 1);
    let found: Float32Array | undefined;
    for await (const batch of source.batches(8192)) {
      const row = batch.find((r) => r.id === docId);
      if (row) {
        found = row.embedding;
        break;
      }
    }
    if (!found) throw new VecstageError('INPUT', `--like: doc "${docId}" is not in the sample ${like!.slice(0, sep)}`);
    embedding = found;
  }
  const want = dimension || queries[0]?.embedding.length || embedding.length;
  if (embedding.length !== want) throw new VecstageError('INPUT', `--embedding has dimension ${embedding.length}, ${shown} and the embedding contract need ${want}`);
  const relevant: Record<string, number> = {};
  for (const pair of listFlag(values, 'relevant') ?? []) {
    const [doc, grade] = pair.split('=');
    const g = grade === undefined ? 1 : Number(grade);
    if (!doc || !Number.isFinite(g)) throw invalid('--relevant', pair, 'doc-id=grade pairs, e.g. doc-7=2,doc-9=1', undefined, 'USAGE');
    relevant[doc] = g;
  }
  const tags = listFlag(values, 'tags') ?? [];
  for (const t of tags) if (vocabulary && !vocabulary.has(t)) throw invalid('--tags', t, [...vocabulary].join(', '), 'fixtures/tags.json', 'USAGE');
  const filterRaw = stringFlag(values, 'filter');
  const filter = filterRaw === undefined ? null : (validateFilter(parseJson(filterRaw, '--filter'), '--filter') as Record<string, unknown>);
  const text = stringFlag(values, 'text') ?? null;
  queries.push({ id, text, embedding, relevant, tags, filter, line: queries.length + 1 });
  await saveAll(path, queries);
  if (values.json) writeJson(ctx, { ok: true, file: shown, added: id, queries: queries.length });
  else ctx.stdout.write(`added ${id} to ${shown} (${queries.length} queries)\n`);
  return 0;
}

async function tag(path: string, shown: string, ids: string[], values: FlagValues, ctx: CliContext, vocabulary: ReadonlySet<string> | undefined): Promise<number> {
  const addTags = listFlag(values, 'add') ?? [];
  const removeTags = listFlag(values, 'remove') ?? [];
  if (ids.length === 0 || addTags.length + removeTags.length === 0) throw new VecstageError('USAGE', 'vecstage fixtures tag: give query ids and --add and/or --remove tags');
  for (const t of addTags) if (vocabulary && !vocabulary.has(t)) throw invalid('--add', t, [...vocabulary].join(', '), 'fixtures/tags.json', 'USAGE');
  const queries = await loadAll(path, shown, false);
  const missing = ids.filter((id) => !queries.some((q) => q.id === id));
  if (missing.length) throw new VecstageError('INPUT', `unknown query id(s) in ${shown}: ${missing.join(', ')}`);
  for (const q of queries) {
    if (!ids.includes(q.id)) continue;
    q.tags = [...new Set([...q.tags.filter((t) => !removeTags.includes(t)), ...addTags])];
  }
  await saveAll(path, queries);
  if (values.json) writeJson(ctx, { ok: true, file: shown, tagged: ids });
  else ctx.stdout.write(`tagged ${ids.length} queries in ${shown}\n`);
  return 0;
}

async function list(path: string, shown: string, values: FlagValues, ctx: CliContext): Promise<number> {
  const only = stringFlag(values, 'tag');
  const queries = (await loadAll(path, shown, false)).filter((q) => only === undefined || q.tags.includes(only));
  const tagCounts: Record<string, number> = {};
  for (const q of queries) for (const t of q.tags) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
  if (values.json) {
    writeJson(ctx, { ok: true, file: shown, count: queries.length, tags: tagCounts, queries: queries.map((q) => ({ id: q.id, text: q.text, tags: q.tags, relevant: Object.keys(q.relevant).length, filter: q.filter })) });
    return 0;
  }
  for (const q of queries) {
    const text = q.text === null ? '' : q.text.length > 60 ? `${q.text.slice(0, 57)}...` : q.text;
    ctx.stdout.write(`${q.id}\t${q.tags.join(',') || '-'}\t${Object.keys(q.relevant).length} relevant\t${JSON.stringify(text)}\n`);
  }
  ctx.stdout.write(`${queries.length} queries; tags: ${Object.entries(tagCounts).map(([t, n]) => `${t} ${n}`).join(', ') || '(none)'}\n`);
  return 0;
}

async function filters(values: FlagValues, ctx: CliContext, config: ResolvedConfig, vocabulary: ReadonlySet<string> | undefined): Promise<number> {
  const sample = stringFlag(values, 'sample');
  const out = stringFlag(values, 'out');
  if (!sample) throw invalid('--sample', null, 'a sample folder written by vecstage sample or import', undefined, 'USAGE');
  if (!out) throw invalid('--out', null, 'the golden queries file to write, e.g. fixtures/golden/filtered.jsonl', undefined, 'USAGE');
  const rawTargets = listFlag(values, 'selectivity');
  if (!rawTargets) throw invalid('--selectivity', null, 'target shares in (0, 1], e.g. 0.01,0.1,0.5', undefined, 'USAGE');
  const targets = rawTargets.map((t) => {
    const n = Number(t);
    if (!Number.isFinite(n) || !(n > 0 && n <= 1)) throw invalid('--selectivity', t, 'shares in (0, 1], e.g. 0.01,0.1,0.5 (0.01 = 1% of the sample passes)', undefined, 'USAGE');
    return n;
  });
  const count = numberFlag(values, 'count', { integer: true, min: 1, max: 100000 }) ?? 50;
  const metricFlag = stringFlag(values, 'metric');
  if (metricFlag !== undefined && !METRICS.includes(metricFlag as Metric)) throw invalid('--metric', metricFlag, METRICS.join(', '), undefined, 'USAGE');
  const truthOut = stringFlag(values, 'truth');
  if (!truthOut && (metricFlag !== undefined || stringFlag(values, 'k') !== undefined)) throw new VecstageError('USAGE', 'vecstage fixtures filters: --k and --metric apply to --truth <file.arrow>; give --truth too');
  const tags = vocabulary && !vocabulary.has('filtered') ? [] : ['filtered'];
  const r = await fixturesFilters({
    sample,
    out,
    targets,
    count,
    tolerance: numberFlag(values, 'tolerance'),
    noise: numberFlag(values, 'noise'),
    seed: numberFlag(values, 'seed', { integer: true, min: 0 }) ?? 1,
    tags,
    force: values.force === true,
    truth: truthOut
      ? { out: truthOut, k: numberFlag(values, 'k', { integer: true, min: 1, max: 10000 }) ?? 100, metric: (metricFlag as Metric | undefined) ?? config.embedding.metric, cacheDir: configRelative(config, `${STATE_DIR}/cache`) }
      : undefined,
    cwd: ctx.cwd,
  });
  const missed = [...new Set(r.picks.filter((p) => !p.withinTolerance).map((p) => p.target))];
  for (const t of missed) {
    const p = r.picks.find((x) => x.target === t)!;
    ctx.stderr.write(`warning: no filter on this sample's metadata is within ±${Number((r.tolerance * 100).toPrecision(3))}% of selectivity ${t}; used the nearest achievable (${p.selectivity.toPrecision(3)}, ${p.passing} of ${r.rows} rows)\n`);
  }
  if (values.json) {
    writeJson(ctx, { ok: true, out: r.out, rows: r.rows, fields: r.fields, tolerance: r.tolerance, missedTargets: missed, queries: r.picks, truth: r.truth });
    return 0;
  }
  for (const p of r.picks) {
    ctx.stdout.write(`${p.id}\ttarget ${p.target}\tachieved ${p.selectivity.toPrecision(3)} (${p.passing}/${r.rows})${p.withinTolerance ? '' : ' (nearest achievable)'}\t${JSON.stringify(p.filter)}\n`);
  }
  ctx.stdout.write(`wrote ${r.picks.length} filtered queries to ${r.out} (filters on ${r.fields.join(', ')}; tolerance ±${Number((r.tolerance * 100).toPrecision(3))}% relative)${r.truth ? `; exact filtered top-${r.truth.k} (${r.truth.metric}) in ${r.truth.out}` : ''}\n`);
  return 0;
}
