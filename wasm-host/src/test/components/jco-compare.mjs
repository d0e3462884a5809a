// Runs the fixture component under jco: transpiles COMPONENTS_DIR/fixture.wasm into OUT_DIR with
// the pinned jco, calls each case of JcoComparisonTest and prints one line per case, `name = value`,
// in a neutral notation the Java test writes the same way for Mosaic's results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [componentsDir, outDir] = process.argv.slice(2);
const { transpile } = await import(
  pathToFileURL(join(here, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'api.js')).href
);
const { files } = await transpile(await readFile(join(componentsDir, 'fixture.wasm')), {
  name: 'fixture',
});
for (const [name, bytes] of Object.entries(files)) {
  mkdirSync(dirname(join(outDir, name)), { recursive: true });
  writeFileSync(join(outDir, name), bytes);
}
writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
const { values, version } = await import(pathToFileURL(join(outDir, 'fixture.js')).href);

// The neutral notation: see JcoComparisonTest#neutral.
function neutral(v) {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (Array.isArray(v)) return '[' + v.map(neutral).join(',') + ']';
  if (v.tag !== undefined) return v.tag + '(' + (v.val === undefined ? '' : neutral(v.val)) + ')';
  return '{' + Object.keys(v).sort().map((k) => k + ':' + neutral(v[k])).join(',') + '}';
}
function result(f) {
  try {
    return 'ok(' + neutral(f()) + ')';
  } catch (e) {
    return 'err(' + neutral(e.payload) + ')';
  }
}
function some(v) {
  return v === undefined ? 'none' : 'some(' + neutral(v) + ')';
}
function flags(f) {
  return '[' + Object.keys(f).filter((k) => f[k]).sort().map((k) => JSON.stringify(k)).join(',') + ']';
}

const cases = [
  ['greet', () => neutral(values.greet('wörld ✓'))],
  ['shout', () => neutral(values.shout(['ab', 'ç', '']))],
  ['move-point', () => neutral(values.movePoint({ x: 1, y: -2 }, 3, 4))],
  ['area-circle', () => neutral(values.area({ tag: 'circle', val: 2 }))],
  ['area-rect', () => neutral(values.area({ tag: 'rect', val: { x: 2, y: 3 } }))],
  ['area-empty', () => neutral(values.area({ tag: 'empty' }))],
  ['find-some', () => some(values.find(['a', 'b'], 'b'))],
  ['find-none', () => some(values.find(['a'], 'z'))],
  ['parse-ok', () => result(() => values.parseNumber('-9007199254740993'))],
  ['parse-err', () => result(() => values.parseNumber('x'))],
  ['grant', () => flags(values.grant({ read: true }, { exec: true }))],
  ['next-color', () => neutral(values.nextColor('blue'))],
  ['pair', () => neutral(values.pair([200, '✓'], false))],
  ['version', () => neutral(version())],
];
for (const [name, f] of cases) {
  console.log(`${name} = ${f()}`);
}
