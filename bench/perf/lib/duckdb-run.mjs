// Plain JS (run without tsx, like the sampler's CLI, so no contender pays a TypeScript loader at start-up).
// Runs SQL statements in an in-memory DuckDB (all cores; the only module importing @duckdb/node-api) and prints
// the last statement's first row as JSON. argv: statements, each one argument.
import { DuckDBInstance } from '@duckdb/node-api';

const statements = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
let last = null;
for (const sql of statements) {
  const reader = await con.runAndReadAll(sql);
  last = reader.getRowObjectsJson()[0] ?? null;
}
process.stdout.write(`${JSON.stringify(last)}\n`);
con.closeSync();
db.closeSync();
