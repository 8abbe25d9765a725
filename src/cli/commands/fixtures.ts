import { readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CliCommand, type CliContext, type FlagValues, listFlag, stringFlag, writeJson } from '../command.js';
import { VecstageError, invalid } from '../../errors.js';
import { loadConfig, parseJson } from '../../config/load.js';
import { formatGoldenLine, parseGolden, type GoldenQuery, type ParseIssue } from '../../golden/index.js';
import { readVocabulary } from '../../golden/vocabulary.js';
import { validateFilter } from '../../backends/filter.js';

const VERBS = ['validate', 'add', 'tag', 'list'] as const;

export const command: CliCommand = {
  name: 'fixtures',
  summary: 'validate, add, tag and list golden queries',
  help: `usage: vecstage fixtures validate <golden.jsonl...> [--sample <dir>] [--vocab fixtures/tags.json] [--json]
       vecstage fixtures add <golden.jsonl> --id <qid> (--embedding '[...]' | --like <sample-dir>:<doc-id>)
                             [--text "..."] [--relevant doc-7=2,doc-9=1] [--tags a,b] [--filter '{"tenant":"acme"}']
       vecstage fixtures tag <golden.jsonl> <qid...> [--add a,b] [--remove c]
       vecstage fixtures list <golden.jsonl> [--tag t] [--json]

validate checks JSON, unknown keys, duplicate query ids, the embedding dimension (the config's contract, or the
sample's), relevance ids that are not in the sample (--sample), and tags outside the vocabulary (fixtures/tags.json
or --vocab). Every problem is listed with file:line. Exit 0 clean, 1 problems found, 2 unreadable input.`,
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
  },
  positionals: [2, 1000],
  async run({ values, positionals }, ctx) {
    const [verb, ...files] = positionals as [string, ...string[]];
    if (!(VERBS as readonly string[]).includes(verb)) throw invalid('fixtures verb', verb, VERBS.join(', '), undefined, 'USAGE');
    const config = await loadConfig({ cwd: ctx.cwd, configPath: stringFlag(values, 'config'), env: ctx.env });
    const vocabulary = await readVocabulary(stringFlag(values, 'vocab'), config.dir);
    const ctxFiles = files.map((f) => resolve(ctx.cwd, f));
    switch (verb) {
      case 'validate':
        return validate(ctxFiles, files, values, ctx, config.embedding.dimension, vocabulary);
      case 'list':
        return list(ctxFiles[0]!, files[0]!, values, ctx);
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
