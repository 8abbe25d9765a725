/**
 * Chunking throughput (issue 11: >= 50 MB/s of text per core for sliding-window and recursive). Run:
 * `npm run perf -- chunking`, or `node --import tsx bench/perf/chunking.ts`. Options: --mb N (corpus size, default
 * 50), --repeat R (rounds, default 3), --tokens-mb N (the slice of the corpus the tokens unit runs on, default 5),
 * --seed S, --skip-python, --json.
 *
 * The corpus is generated, seeded: documents of 1-40 KB of prose (Zipf-distributed words, sentences of 5-30 words,
 * paragraphs of 1-8 sentences) under `#`/`##` headings, with a few lists and lines of code. Every contender runs
 * single-threaded in this process over the whole corpus, each chunker as `vecstage build` calls it
 * (`chunker.chunk(doc)` then `toChunks`); a round is as many passes as fill 0.5 s (timed per pass), rounds
 * interleave the contenders and each one's median round counts.
 * MB/s is UTF-8 megabytes of document text per second, of wall time and of this process's CPU time (which a busy
 * shared machine inflates less, and is what the target is checked on). The peers, measured in the same run:
 * - a bare JS loop cutting the same 512/64 windows with `text.slice` into `{text, start, end}` objects;
 * - python3 (when present) doing the same windowing over the same documents (its loop timed alone, not the JSON
 *   load), as str slices into tuples.
 * words and tokens units are reported, not gated. Throws (exit 1) when a gated contender is under 50 MB/s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createChunker, toChunks } from '../../src/pipeline/chunk/index.js';
import { DEFAULT_SEPARATORS } from '../../src/pipeline/chunk/config.js';
import type { ChunkerConfig, SourceDocument } from '../../src/pipeline/types.js';
import { seededRandom, type Random } from '../../src/random.js';
import { fmt, printTable } from './lib/table.js';

const TARGET_MB_S = 50;
const SIZE = 512;
const OVERLAP = 64;
const MIN_ROUND_MS = 500;

interface Settings {
  mb: number;
  repeat: number;
  tokensMb: number;
  seed: number;
  python: boolean;
  json: boolean;
}

function settings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      mb: { type: 'string', default: '50' },
      repeat: { type: 'string', default: '3' },
      'tokens-mb': { type: 'string', default: '5' },
      seed: { type: 'string', default: '11' },
      'skip-python': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const num = (name: string, v: unknown, min: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`invalid --${name}: ${String(v)}; allowed: a number >= ${min}`);
    return n;
  };
  return {
    mb: num('mb', values.mb, 0.01),
    repeat: Math.round(num('repeat', values.repeat, 1)),
    tokensMb: num('tokens-mb', values['tokens-mb'], 0.01),
    seed: Math.round(num('seed', values.seed, 0)),
    python: values['skip-python'] !== true,
    json: values.json === true,
  };
}

// ---- corpus ----------------------------------------------------------------------------------------------------

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you ' +
  'were her she there been one all we their has would when if so no will more can out up into do than only other new ' +
  'some could time these two may first then any like now over such our man me even most made after also did many ' +
  'before must through back years where much your way well down should because each just those people how too little ' +
  'state good very make world still own see men work long get here between both life being under never day same ' +
  'another know while last might us great old year off come since against go came right used take three system ' +
  'account billing invoice password reset order shipping delay refund warranty install update error login ' +
  'subscription plan upgrade cancel support device network storage limit quota export report dashboard api token ' +
  'webhook customer issue configuration deployment cluster replica latency throughput request response timeout ' +
  'retry server client database index query vector embedding document section paragraph release version migration'
).split(' ');

/** Zipf-like: word k drawn with weight 1 / (k + 2) */
function wordPicker(r: Random): () => string {
  const cum: number[] = [];
  let total = 0;
  for (let k = 0; k < WORDS.length; k++) cum.push((total += 1 / (k + 2)));
  return () => {
    const x = r() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return WORDS[lo]!;
  };
}

function sentence(r: Random, word: () => string): string {
  const n = 5 + Math.floor(r() * 26);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = word();
    if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
    else if (r() < 0.06) w += ',';
    if (r() < 0.01) w = `"${w}"`;
    parts.push(w);
  }
  const end = r();
  return parts.join(' ') + (end < 0.85 ? '.' : end < 0.95 ? '?' : '!');
}

function paragraph(r: Random, word: () => string): string {
  const kind = r();
  if (kind < 0.05) {
    const items: string[] = [];
    for (let i = 0, n = 2 + Math.floor(r() * 5); i < n; i++) items.push(`- ${sentence(r, word)}`);
    return items.join('\n');
  }
  if (kind < 0.07) return '```\nconst result = await client.query({ vector, topK: 10 });\nconsole.log(result.matches.length);\n```';
  const sentences: string[] = [];
  for (let i = 0, n = 1 + Math.floor(r() * 8); i < n; i++) sentences.push(sentence(r, word));
  return sentences.join(' ');
}

function document(r: Random, word: () => string, id: number): SourceDocument {
  const target = 1000 + Math.floor(r() * r() * 40_000);
  const parts: string[] = [`# ${sentence(r, word).slice(0, -1)}`];
  let len = parts[0]!.length;
  while (len < target) {
    const p = r() < 0.12 ? `## ${sentence(r, word).slice(0, -1)}` : paragraph(r, word);
    parts.push(p);
    len += p.length + 2;
  }
  return { id: `doc-${id}`, text: parts.join('\n\n'), metadata: null };
}

export function generateCorpus(mb: number, seed: number): { docs: SourceDocument[]; bytes: number } {
  const r = seededRandom(seed);
  const word = wordPicker(r);
  const docs: SourceDocument[] = [];
  let bytes = 0;
  while (bytes < mb * 1e6) {
    const d = document(r, word, docs.length);
    docs.push(d);
    bytes += Buffer.byteLength(d.text);
  }
  return { docs, bytes };
}

// ---- contenders ------------------------------------------------------------------------------------------------

interface Round {
  wallMs: number;
  cpuMs: number;
  chunks: number;
}

interface Contender {
  label: string;
  gated: boolean;
  /** false: runs on the tokens slice of the corpus */
  full: boolean;
  run(docs: readonly SourceDocument[]): Promise<number> | number;
}

/** Every contender's output per document is stored here, so no allocation is optimised away as unused. */
export let sink: unknown;

/** The peer: the same windows as sliding-window 512/64 in chars, by a bare loop (no surrogate or blank checks). */
function bareWindows(docs: readonly SourceDocument[]): number {
  let n = 0;
  const step = SIZE - OVERLAP;
  for (const doc of docs) {
    const t = doc.text;
    const out: Array<{ text: string; start: number; end: number }> = [];
    for (let s = 0; s < t.length; s += step) {
      const e = Math.min(s + SIZE, t.length);
      out.push({ text: t.slice(s, e), start: s, end: e });
      if (e === t.length) break;
    }
    n += out.length;
    sink = out;
  }
  return n;
}

async function chunkerContender(label: string, config: ChunkerConfig, gated: boolean, full = true): Promise<Contender> {
  const chunker = await createChunker(config);
  return {
    label,
    gated,
    full,
    async run(docs) {
      let n = 0;
      for (const doc of docs) {
        const pieces = chunker.chunk(doc);
        const chunks = toChunks(doc, Array.isArray(pieces) ? pieces : await pieces);
        n += chunks.length;
        sink = chunks;
      }
      return n;
    },
  };
}

/** One round: passes over the input until at least MIN_ROUND_MS of wall time (a 20 ms pass is timer noise), per pass. */
async function measure(c: Contender, docs: readonly SourceDocument[]): Promise<Round> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let passes = 0;
  let chunks = 0;
  do {
    chunks = await c.run(docs);
    passes++;
  } while (performance.now() - t0 < MIN_ROUND_MS);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: wallMs / passes, cpuMs: (cpu.user + cpu.system) / 1000 / passes, chunks };
}

const PYTHON = `
import json, sys, time
docs = json.load(open(sys.argv[1], encoding="utf-8"))
size, step = int(sys.argv[2]), int(sys.argv[2]) - int(sys.argv[3])
rounds = []
for _ in range(int(sys.argv[4])):
  passes = 0
  t0, c0 = time.perf_counter(), time.process_time()
  while passes == 0 or time.perf_counter() - t0 < float(sys.argv[5]) / 1000:
    passes += 1
    n = 0
    for t in docs:
        out = []
        s = 0
        L = len(t)
        while s < L:
            e = min(s + size, L)
            out.append((t[s:e], s, e))
            if e == L:
                break
            s += step
        n += len(out)
  rounds.append({"wallMs": (time.perf_counter() - t0) * 1000 / passes, "cpuMs": (time.process_time() - c0) * 1000 / passes, "chunks": n})
rounds.sort(key=lambda r: r["cpuMs"])
print(json.dumps(rounds[(len(rounds) - 1) // 2]))
`;

/** python3 windowing over the same texts, its rounds run back to back after the JS ones: the median round */
function pythonPeer(docs: readonly SourceDocument[], repeat: number): Round | undefined {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'vecstage-chunking-'));
  try {
    const file = join(dir, 'corpus.json');
    writeFileSync(file, JSON.stringify(docs.map((d) => d.text)));
    const r = spawnSync('python3', ['-c', PYTHON, file, String(SIZE), String(OVERLAP), String(repeat), String(MIN_ROUND_MS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`python3 peer failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Round;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** by CPU time, the lower middle one of an even count */
function median(rounds: Round[]): Round {
  return [...rounds].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor((rounds.length - 1) / 2)]!;
}

export async function run(argv: string[]): Promise<void> {
  const s = settings(argv);
  const t0 = performance.now();
  const corpus = generateCorpus(s.mb, s.seed);
  const tokenDocs: SourceDocument[] = [];
  let tokenBytes = 0;
  for (const d of corpus.docs) {
    if (tokenBytes >= s.tokensMb * 1e6) break;
    tokenDocs.push(d);
    tokenBytes += Buffer.byteLength(d.text);
  }
  const log = (line: string): void => {
    if (!s.json) process.stdout.write(`${line}\n`);
  };
  log(`corpus: ${corpus.docs.length} documents, ${fmt(corpus.bytes / 1e6)} MB (seed ${s.seed}, generated in ${fmt((performance.now() - t0) / 1000)} s); tokens on the first ${tokenDocs.length} documents (${fmt(tokenBytes / 1e6)} MB)`);

  const sw = { kind: 'sliding-window', size: SIZE, overlap: OVERLAP } as const;
  const rec = { kind: 'recursive' as const, size: SIZE, overlap: OVERLAP, separators: [...DEFAULT_SEPARATORS] };
  const peer: Contender = { label: 'bare JS loop: text.slice windows 512/64', gated: false, full: true, run: bareWindows };
  const contenders: Contender[] = [
    peer,
    await chunkerContender('sliding-window 512/64 chars', { ...sw, unit: 'chars' }, true),
    await chunkerContender('recursive 512/64 chars', { ...rec, unit: 'chars' }, true),
    await chunkerContender('fixed 512 chars', { kind: 'fixed', size: SIZE, unit: 'chars' }, false),
    await chunkerContender('sentence 512/64 chars', { kind: 'sentence', size: SIZE, overlap: OVERLAP, unit: 'chars' }, false),
    await chunkerContender('sliding-window 128/16 words', { kind: 'sliding-window', size: 128, overlap: 16, unit: 'words' }, false),
    await chunkerContender('recursive 128/16 words', { ...rec, size: 128, overlap: 16, unit: 'words' }, false),
    await chunkerContender('sliding-window 128/16 tokens (cl100k_base)', { kind: 'sliding-window', size: 128, overlap: 16, unit: 'tokens', encoding: 'cl100k_base' }, false, false),
    await chunkerContender('recursive 128/16 tokens (cl100k_base)', { ...rec, size: 128, overlap: 16, unit: 'tokens', encoding: 'cl100k_base' }, false, false),
  ];
  const inputOf = (c: Contender): readonly SourceDocument[] => (c.full ? corpus.docs : tokenDocs);
  const bytesOf = (c: Contender): number => (c.full ? corpus.bytes : tokenBytes);

  // JIT warm-up on a few documents each
  const warm = corpus.docs.slice(0, 50);
  for (const c of contenders) await c.run(warm);

  const rounds = new Map<Contender, Round[]>(contenders.map((c) => [c, []]));
  for (let k = 0; k < s.repeat; k++) {
    for (const c of contenders) rounds.get(c)!.push(await measure(c, inputOf(c)));
  }
  const py = s.python ? pythonPeer(corpus.docs, s.repeat) : undefined;

  const results = contenders.map((c) => {
    const m = median(rounds.get(c)!);
    const mb = bytesOf(c) / 1e6;
    return { label: c.label, gated: c.gated, mb, chunks: m.chunks, wallMs: m.wallMs, cpuMs: m.cpuMs, wallMbS: mb / (m.wallMs / 1000), cpuMbS: mb / (m.cpuMs / 1000) };
  });
  const peerMbS = results[0]!.cpuMbS;
  const pyMbS = py ? corpus.bytes / 1e6 / (py.cpuMs / 1000) : undefined;
  if (py) results.splice(1, 0, { label: 'python3 loop: str slice windows 512/64', gated: false, mb: corpus.bytes / 1e6, chunks: py.chunks, wallMs: py.wallMs, cpuMs: py.cpuMs, wallMbS: corpus.bytes / 1e6 / (py.wallMs / 1000), cpuMbS: pyMbS! });
  if (py && py.chunks !== results[0]!.chunks) throw new Error(`python3 cut ${py.chunks} windows, the JS loop ${results[0]!.chunks}`);

  // the corpus has no surrogate pairs or blank windows: the built-in must cut exactly the peer's windows
  const swChunks = results.find((r) => r.label.startsWith('sliding-window 512/64 chars'))!.chunks;
  if (swChunks !== results[0]!.chunks) throw new Error(`sliding-window cut ${swChunks} windows, the bare loop ${results[0]!.chunks}`);
  const missed = results.filter((r) => r.gated && r.cpuMbS < TARGET_MB_S);
  if (s.json) process.stdout.write(`${JSON.stringify({ corpus: { documents: corpus.docs.length, bytes: corpus.bytes, tokenBytes }, targetMbS: TARGET_MB_S, results })}\n`);
  else {
    printTable(
      ['contender', 'MB', 'chunks', 'wall ms', 'cpu ms', 'MB/s wall', 'MB/s cpu', 'x bare JS (cpu)', 'x python3 (cpu)', 'target'],
      results.map((r) => [
        r.label, r.mb, r.chunks, r.wallMs, r.cpuMs, r.wallMbS, r.cpuMbS,
        `${fmt(r.cpuMbS / peerMbS)}x`, pyMbS ? `${fmt(r.cpuMbS / pyMbS)}x` : '-', r.gated ? (r.cpuMbS >= TARGET_MB_S ? `>= ${TARGET_MB_S} ok` : `< ${TARGET_MB_S} MISSED`) : '',
      ]),
    );
    log(`medians of ${s.repeat} interleaved rounds (python3: median of ${s.repeat} after them) of >= ${MIN_ROUND_MS} ms each, ms per pass over the corpus; one thread; MB = 1e6 bytes of UTF-8 text`);
  }
  if (missed.length > 0) throw new Error(`under ${TARGET_MB_S} MB/s per core: ${missed.map((r) => `${r.label} ${fmt(r.cpuMbS)} MB/s`).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
