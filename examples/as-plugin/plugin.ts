import { alloc, log } from "../../guest-kits/assemblyscript/assembly/mosaic";
export { alloc };

@mosaic
export function upper(s: string): string {
  return s.toUpperCase();
}

@mosaic
export function size(b: Uint8Array): i32 {
  return b.length;
}

@mosaic
export function greet(name: string, times: i32): string {
  let out = "";
  for (let i = 0; i < times; i++) out += "hello, " + name + "! ";
  log("greeted " + name);
  return out.trimEnd();
}

@mosaic
export function add(a: i32, b: i32): i32 {
  return a + b;
}
