// Runs the peer-comparison workloads on Node's built-in WebAssembly (V8) and prints one JSON
// line per workload: {"workload":..,"runtime":"node","first_ms":..,"median_ms":..,"min_ms":..,"result":..}.
// Usage: node node-bench.mjs WORKLOAD_DIR WARMUP ITERATIONS KERNEL_DIR NAMES
// NAMES is a comma-separated list (fib,crc32,hostcalls,sha256,qsort,keccak,matrix).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, warmupArg, itersArg, kernelDir, namesArg] = process.argv.slice(2);
const warmup = Number(warmupArg ?? 20);
const iterations = Number(itersArg ?? 10);
const names = (namesArg ?? 'fib,crc32,hostcalls').split(',');

function load(path, imports = {}) {
  const bytes = readFileSync(path);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}

function measure(name, fn) {
  let t0 = process.hrtime.bigint();
  const first = fn() >>> 0;
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let tenthMs = NaN;
  for (let i = 1; i < Math.max(warmup, 10); i++) {
    const ti = process.hrtime.bigint();
    fn();
    if (i === 9) tenthMs = Number(process.hrtime.bigint() - ti) / 1e6;
  }
  const times = [];
  for (let i = 0; i < iterations; i++) {
    t0 = process.hrtime.bigint();
    const r = fn() >>> 0;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r !== first) throw new Error(`${name} is not stable`);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({
    workload: name, runtime: 'node', first_ms: firstMs, tenth_ms: tenthMs,
    median_ms: times[Math.floor(times.length / 2)], min_ms: times[0], result: first,
  }));
}

const origin = process.hrtime.bigint();
const workloads = {
  fib: () => { const m = load(join(dir, 'fib.wasm')); return () => m.fib(30); },
  crc32: () => {
    const m = load(join(dir, 'crc32.wasm'));
    m.fill(42, 1 << 20);
    return () => m.crc32(0, 1 << 20);
  },
  hostcalls: () => {
    const m = load(join(dir, 'hostcalls.wasm'), {
      mosaic: { clock_monotonic: () => process.hrtime.bigint() - origin },
    });
    return () => m.run(1_000_000);
  },
};
for (const k of ['sha256', 'qsort', 'keccak', 'matrix']) {
  workloads[k] = () => {
    const m = load(join(kernelDir, k + '.wasm'));
    if (m.setup) m.setup();
    return () => m.run();
  };
}
for (const name of names) measure(name, workloads[name]());
