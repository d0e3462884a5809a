// A text plugin in C, built from source with clang (examples/build-guests.sh): no libc, so the
// module imports nothing but the `log` capability. Its `mosaic.abi` section is written by the
// MOSAIC_ABI lines (guest-kits/c/mosaic.h; guide: docs/guests/c.md).
#define MOSAIC_IMPLEMENTATION
#include "mosaic.h"

MOSAIC_ABI("upper: string -> string")
MOSAIC_ABI("count: bytes -> i32")
MOSAIC_ABI("greet: string, i32 -> string")

// ASCII upper case; other bytes (UTF-8 sequences too) are copied as they are.
MOSAIC_EXPORT("upper") uint64_t upper(const char *s, size_t len) {
  mosaic_begin();
  char *out = mosaic_alloc(len);
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
  }
  return mosaic_return(out, len);
}

MOSAIC_EXPORT("count") int32_t count(const uint8_t *data, size_t len) {
  mosaic_begin();
  int32_t n = 0;
  for (size_t i = 0; i < len; i++) {
    n += data[i] != 0;
  }
  mosaic_end();
  return n;
}

// "hello, NAME!" repeated `times` times (at most 10), logged once.
MOSAIC_EXPORT("greet") uint64_t greet(const char *name, size_t len, int32_t times) {
  mosaic_begin();
  if (times < 0) times = 0;
  if (times > 10) times = 10;
  size_t one = 7 + len + 1;
  size_t total = times ? (size_t)times * one + (size_t)(times - 1) : 0;
  char *out = mosaic_alloc(total);
  char *p = out;
  for (int32_t t = 0; t < times; t++) {
    if (t) *p++ = ' ';
    const char *hello = "hello, ";
    for (int i = 0; hello[i]; i++) *p++ = hello[i];
    for (size_t i = 0; i < len; i++) *p++ = name[i];
    *p++ = '!';
  }
  mosaic_log_str("greeting");
  return mosaic_return(out, total);
}

MOSAIC_EXPORT("add") int32_t add(int32_t a, int32_t b) { return a + b; }
