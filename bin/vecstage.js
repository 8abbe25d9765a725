#!/usr/bin/env node
// The CLI: src/cli/main.ts from the cached esbuild bundle (compiled.js: built on first use and again whenever src/
// changes), or through tsx's loader when there is no bundle or VECSTAGE_BUNDLE=0. No build step to forget either way.
import { loadEntry } from './compiled.js';

const { main } = await loadEntry('cli');
process.exitCode = await main(process.argv.slice(2));
