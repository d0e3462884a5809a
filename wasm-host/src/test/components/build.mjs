// Builds the components the wasm-host tests read, into the directory given as the first argument,
// with the pinned tools of package-lock.json (installed with `npm ci` when missing):
//   fixture.wasm             a JavaScript component (componentize-js) exporting fixture/wit
//   text.wasm                text/text.wat made a component by `jco embed` + `jco new` (utf8)
//   echo-utf16.wasm          the same core module, world `echo`, strings in UTF-16
//   echo-latin1-utf16.wasm   the same, strings in latin1+utf16 (jco's compact-utf16)
//   text-core.wasm           the core module itself
//   NAME.wit                 the WIT jco decodes from each component (`jco wit`)
//   calc.wasm                calc/calc.c (clang, no libc) made a component by `jco embed` + `jco new`:
//                            exports mosaic:calc/ops and tricks, imports wasi:cli/stdout
//   app.wasm                 app/app.js (componentize-js), imports mosaic:calc/ops
//   wasi.wasm                wasi/wasi.wat: the monotonic clock, random, environment and exit
//   streams.wasm             wasi/streams.wat: stdout through check-write, write and flush
//   files.wasm               wasi/files.wat: wasi:filesystem on the pre-opened root
//   hostile-NAME.wasm        hostile/NAME.wat, components in the text format (not validated)
//                            (hostile-spin.wasm: exports that never return, for the call tail;
//                            hostile-spin-caller.wasm calls hostile-spin-callee.wasm's loop;
//                            hostile-post-trap.wasm: post-returns that trap)
// Outputs are rebuilt only when an input is newer, so repeated test runs cost nothing.
// Names after the output directory build only those components (examples/build-guests.sh builds
// `calc app` into examples/components): node build.mjs OUTPUT_DIR [NAME...]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUTPUT_DIR [NAME...]');
  process.exit(64);
}
mkdirSync(out, { recursive: true });
const only = new Set(process.argv.slice(3));
const want = (name) => only.size === 0 || only.has(name);

if (!existsSync(join(here, 'node_modules', '@bytecodealliance', 'jco', 'package.json'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}
const module = (path) => import(pathToFileURL(join(here, 'node_modules', path)).href);
const { componentize } = await module('@bytecodealliance/componentize-js/src/componentize.js');
const { componentEmbed, componentNew, componentWit, parse } = await module(
  '@bytecodealliance/jco/dist/api.js',
);

const common = [join(here, 'package-lock.json'), fileURLToPath(import.meta.url)];

function stale(output, inputs) {
  if (!existsSync(output)) {
    return true;
  }
  const built = statSync(output).mtimeMs;
  return [...inputs, ...common].some((p) => statSync(p).mtimeMs > built);
}

async function writeWit(name) {
  const wasm = join(out, `${name}.wasm`);
  const wit = join(out, `${name}.wit`);
  if (stale(wit, [wasm])) {
    writeFileSync(wit, await componentWit(readFileSync(wasm)));
  }
}

// The JavaScript component.
const fixtureInputs = [
  join(here, 'fixture', 'fixture.js'),
  join(here, 'fixture', 'wit', 'fixture.wit'),
];
if (want('fixture') && stale(join(out, 'fixture.wasm'), fixtureInputs)) {
  const { component } = await componentize({
    sourcePath: join(here, 'fixture', 'fixture.js'),
    witPath: join(here, 'fixture', 'wit'),
    worldName: 'fixture',
    disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'],
  });
  writeFileSync(join(out, 'fixture.wasm'), component);
  console.log(`built fixture.wasm (${component.length} bytes)`);
}
if (want('fixture')) {
  await writeWit('fixture');
}

// The hand-written core module, as components with each string encoding.
const wat = join(here, 'text', 'text.wat');
const witPath = join(here, 'text', 'wit', 'text.wit');
const core = join(out, 'text-core.wasm');
if (want('text') && stale(core, [wat])) {
  writeFileSync(core, await parse(readFileSync(wat, 'utf8')));
}
const witSource = readFileSync(witPath, 'utf8');
for (const [name, world, stringEncoding] of [
  ['text', 'text', 'utf8'],
  ['echo-utf16', 'echo', 'utf16'],
  ['echo-latin1-utf16', 'echo', 'compact-utf16'],
]) {
  if (!want('text')) {
    break;
  }
  const target = join(out, `${name}.wasm`);
  if (stale(target, [wat, witPath])) {
    const embedded = await componentEmbed({
      binary: readFileSync(core),
      witSource,
      world,
      stringEncoding,
    });
    writeFileSync(target, await componentNew(embedded, []));
    console.log(`built ${name}.wasm`);
  }
  await writeWit(name);
}

// The C component and the JavaScript component bound to it (mosaic:calc, calc/wit).
const calcWit = join(here, 'calc', 'wit');
const calcWitFiles = [
  join(calcWit, 'calc.wit'),
  join(calcWit, 'deps', 'io', 'streams.wit'),
  join(calcWit, 'deps', 'cli', 'stdout.wit'),
];
const calcC = join(here, 'calc', 'calc.c');
if (want('calc') && stale(join(out, 'calc.wasm'), [calcC, ...calcWitFiles])) {
  const coreFile = join(out, 'calc-core.wasm');
  execFileSync(
    'clang',
    ['--target=wasm32-wasi', '-O2', '-nostdlib', '-Wl,--no-entry', '-Wl,--allow-undefined',
      '-o', coreFile, calcC],
    { stdio: 'inherit' },
  );
  // One WIT source: the dependencies as nested packages (the embedding tool reads no directory).
  const nested = (path) =>
    readFileSync(path, 'utf8').replace(/package (\S+);([\s\S]*)/, 'package $1 {$2}\n');
  const embedded = await componentEmbed({
    binary: readFileSync(coreFile),
    witSource: [
      readFileSync(calcWitFiles[0], 'utf8'),
      nested(calcWitFiles[1]),
      nested(calcWitFiles[2]),
    ].join('\n'),
    world: 'calc',
  });
  writeFileSync(join(out, 'calc.wasm'), await componentNew(embedded, []));
  console.log('built calc.wasm');
}
if (want('calc')) {
  await writeWit('calc');
}
const appJs = join(here, 'app', 'app.js');
if (want('app') && stale(join(out, 'app.wasm'), [appJs, ...calcWitFiles])) {
  const { component } = await componentize({
    sourcePath: appJs,
    witPath: calcWit,
    worldName: 'app',
    disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'],
  });
  writeFileSync(join(out, 'app.wasm'), component);
  console.log(`built app.wasm (${component.length} bytes)`);
}
if (want('app')) {
  await writeWit('app');
}

// A component in the text format that calls the WASI interfaces the host provides without files.
// And one that writes to standard output through check-write, write and flush.
for (const name of ['wasi', 'streams', 'files']) {
  const source = join(here, 'wasi', `${name}.wat`);
  const target = join(out, `${name}.wasm`);
  if (want('wasi') && stale(target, [source])) {
    writeFileSync(target, await parse(readFileSync(source, 'utf8')));
  }
}

// Hostile components written in the component text format; `jco parse` does not validate them.
for (const name of ['mismatch', 'alias-kind', 'start-loop', 'unknown-import', 'filesystem', 'bad-realloc', 'spin', 'spin-callee', 'spin-caller', 'post-trap']) {
  if (!want('hostile')) {
    break;
  }
  const source = join(here, 'hostile', `${name}.wat`);
  const target = join(out, `hostile-${name}.wasm`);
  if (stale(target, [source])) {
    writeFileSync(target, await parse(readFileSync(source, 'utf8')));
  }
}
