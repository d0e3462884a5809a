// The calls of dev.mosaic.bench.ComponentBench under jco's generated glue on node: the C test
// component's concat(1 KiB string) and total(100 records), and the JavaScript test component's
// run, whose three calls to the C component go to its transpiled exports (jco's --map).
//   node benchmarks/components/jco-bench.mjs [COMPONENTS_DIR] [ITERATIONS]
// COMPONENTS_DIR defaults to wasm-host/target/test-components (made by the wasm-host build); the
// pinned jco is the one of wasm-host/src/test/components (npm ci there).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const components = resolve(process.argv[2] ?? join(root, 'wasm-host', 'target', 'test-components'));
const iterations = Number(process.argv[3] ?? 20000);
const jco = join(root, 'wasm-host', 'src', 'test', 'components', 'node_modules');
const { transpile } = await import(
  pathToFileURL(join(jco, '@bytecodealliance', 'jco', 'dist', 'api.js')).href
);
const out = mkdtempSync(join(tmpdir(), 'mosaic-jco-bench-'));
writeFileSync(join(out, 'package.json'), '{"type":"module"}');
async function emit(name, options) {
  const { files } = await transpile(readFileSync(join(components, `${name}.wasm`)), {
    name,
    ...options,
  });
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), bytes);
  }
}
// The generated glue imports WASI from @bytecodealliance/preview2-shim: resolve it from jco's tree.
const shim = pathToFileURL(join(jco, '@bytecodealliance', 'preview2-shim', 'dist', 'nodejs')).href;
const wasiMap = {
  'wasi:cli/*': `${shim}/cli.js#*`,
  'wasi:io/*': `${shim}/io.js#*`,
};
await emit('calc', { map: wasiMap });
await emit('app', { map: { 'mosaic:calc/ops@0.1.0': './calc.js#ops' } });
const { ops } = await import(pathToFileURL(join(out, 'calc.js')).href);
const { run } = await import(pathToFileURL(join(out, 'app.js')).href);

const kib = 'x'.repeat(1024);
const records = Array.from({ length: 100 }, (_, i) => ({ name: `item-${i}`, qty: i }));
function measure(name, f) {
  for (let i = 0; i < iterations; i++) f();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) f();
  const micros = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${name.padEnd(20)} ${micros.toFixed(3)} us/op`);
}
measure('callString1KiB', () => ops.concat(kib, ''));
measure('callRecords100', () => ops.total(records));
measure('callThroughBinding', () => run('world'));
