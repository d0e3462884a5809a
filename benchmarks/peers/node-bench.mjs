// Runs the peer-comparison workloads on Node's built-in WebAssembly (V8) and prints one JSON
// line per workload: {"workload":..,"runtime":"node","median_ms":..,"min_ms":..,"result":..}.
// Usage: node node-bench.mjs WORKLOAD_DIR WARMUP ITERATIONS
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, warmupArg, itersArg] = process.argv.slice(2);
const warmup = Number(warmupArg ?? 20);
const iterations = Number(itersArg ?? 10);

function load(name, imports = {}) {
  const bytes = readFileSync(join(dir, name + '.wasm'));
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}

function measure(name, fn) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  let result;
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({
    workload: name, runtime: 'node', median_ms: times[Math.floor(times.length / 2)],
    min_ms: times[0], result: result >>> 0,
  }));
}

const fib = load('fib');
measure('fib', () => fib.fib(30));

const crc = load('crc32');
crc.fill(42, 1 << 20);
measure('crc32', () => crc.crc32(0, 1 << 20));

const origin = process.hrtime.bigint();
const host = load('hostcalls', {
  mosaic: { clock_monotonic: () => process.hrtime.bigint() - origin },
});
measure('hostcalls', () => host.run(1_000_000));
