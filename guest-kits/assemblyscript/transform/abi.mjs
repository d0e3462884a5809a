// AssemblyScript compiler transform for Mosaic guest ABI v1 (docs/guests/assemblyscript.md).
//
//   asc plugin.ts --transform <kit>/transform/abi.mjs --use abort=__mosaic_abort ...
//
// For every exported function marked `@mosaic` in an entry file:
//   - parameters and results of type `string` or `Uint8Array` become the ABI's core types: each
//     such parameter a `(ptr: usize, len: i32)` pair, such a result one `u64`, `ptr << 32 | len`;
//     the function itself is renamed and no longer exported, and a generated export of the
//     original name converts (UTF-8 in memory, UTF-16 in AssemblyScript) and calls it;
//   - a line `name: kind, kind -> kind` goes into the module's `mosaic.abi` custom section.
// Numeric `@mosaic` exports stay as they are and get no line (numbers need none).
import { Transform } from "assemblyscript/transform";
import { CommonFlags, NodeKind, Parser, SourceKind } from "assemblyscript";

const NUMERIC = {
  i32: "i32", u32: "i32", bool: "i32", i8: "i32", u8: "i32", i16: "i32", u16: "i32",
  isize: "i32", usize: "i32",
  i64: "i64", u64: "i64",
  f32: "f32", f64: "f64",
};

function typeName(node) {
  if (!node || node.kind !== NodeKind.NamedType || node.isNullable) {
    return null;
  }
  const name = node.name.identifier.text;
  if (node.name.next) {
    return null;
  }
  return name;
}

/** The ABI kind of a type node: i32 i64 f32 f64 string bytes, or null when it has none. */
function kindOf(node) {
  const name = typeName(node);
  if (name === "string" || name === "String") return "string";
  if (name === "Uint8Array") return "bytes";
  return NUMERIC[name] || null;
}

/** Points every range of a parsed tree at `to`, the file the nodes now belong to. */
function adopt(node, from, to, seen = new Set()) {
  if (!node || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  if (node === from || node === to) return;
  if (node.range && node.range.source === from) {
    node.range.source = to;
  }
  for (const key of Object.keys(node)) {
    if (key === "range") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) adopt(v, from, to, seen);
    } else if (value && typeof value === "object") {
      adopt(value, from, to, seen);
    }
  }
}

export default class MosaicAbi extends Transform {
  lines = [];

  afterParse(parser) {
    for (const source of parser.sources) {
      if (source.sourceKind !== SourceKind.UserEntry) continue;
      const generated = [];
      for (const stmt of source.statements) {
        if (stmt.kind !== NodeKind.FunctionDeclaration || !stmt.decorators) continue;
        const index = stmt.decorators.findIndex(
          (d) => d.name.kind === NodeKind.Identifier && d.name.text === "mosaic");
        if (index < 0) continue;
        stmt.decorators.splice(index, 1);
        const name = stmt.name.text;
        const where = `${source.normalizedPath}: @mosaic function \`${name}\``;
        if (!(stmt.flags & CommonFlags.Export)) {
          throw new Error(`${where} must be exported`);
        }
        const sig = stmt.signature;
        const params = sig.parameters.map((p) => {
          const kind = kindOf(p.type);
          if (!kind) throw new Error(`${where}: parameter \`${p.name.text}\` has a type the ABI cannot pass`);
          return kind;
        });
        const returnName = typeName(sig.returnType);
        const result = returnName === "void" ? null : kindOf(sig.returnType);
        if (returnName !== "void" && !result) {
          throw new Error(`${where}: its result has a type the ABI cannot pass`);
        }
        const inMemory = (k) => k === "string" || k === "bytes";
        if (!params.some(inMemory) && !inMemory(result)) {
          continue;
        }
        this.lines.push(`${name}: ${params.join(", ")} -> ${result ?? ""}`.trimEnd());
        const impl = `__mosaic_impl_${name}`;
        stmt.name.text = impl;
        stmt.flags &= ~CommonFlags.Export;
        const formals = [];
        const actuals = [];
        params.forEach((k, i) => {
          if (inMemory(k)) {
            formals.push(`p${i}: usize`, `l${i}: i32`);
            actuals.push(`__mosaic_${k === "string" ? "string" : "bytes"}_in(p${i}, l${i})`);
          } else {
            const t = typeName(sig.parameters[i].type);
            formals.push(`p${i}: ${t}`);
            actuals.push(`p${i}`);
          }
        });
        const call = `${impl}(${actuals.join(", ")})`;
        let body;
        let ret;
        if (result === null) {
          ret = "void";
          body = `${call};`;
        } else if (inMemory(result)) {
          ret = "u64";
          body = `return __mosaic_${result === "string" ? "string" : "bytes"}_out(${call});`;
        } else {
          ret = returnName;
          body = `return ${call};`;
        }
        generated.push(`export function ${name}(${formals.join(", ")}): ${ret} { ${body} }\n`);
      }
      if (generated.length) {
        // Parse the wrappers on their own and add them to this file, so they see its functions.
        const scratch = new Parser(parser.diagnostics);
        scratch.parseFile(generated.join(""), source.normalizedPath + ".mosaic.ts", false);
        const extra = scratch.sources[0];
        for (const s of extra.statements) {
          adopt(s, extra, source);
          source.statements.push(s);
        }
      }
    }
  }

  afterCompile(module) {
    if (this.lines.length) {
      module.addCustomSection("mosaic.abi", new TextEncoder().encode(this.lines.join("\n") + "\n"));
    }
  }
}
