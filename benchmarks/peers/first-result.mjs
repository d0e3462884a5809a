// Runs one benchmark kernel once in a fresh process and prints its result: what `node` costs
// from process start to the first result, compared by scripts/first-result with `./mosaic run`
// of the same module. Usage: node first-result.mjs KERNEL.wasm
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const m = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
if (m._initialize) m._initialize();
if (m.setup) m.setup();
console.log(m.run() >>> 0);
