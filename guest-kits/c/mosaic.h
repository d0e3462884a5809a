/*
 * mosaic.h: write Mosaic components in C (guest ABI v1, docs/guest-abi.md; guide: docs/guests/c.md).
 *
 *   #define MOSAIC_IMPLEMENTATION   // in exactly one file of the module: defines `alloc`
 *   #include "mosaic.h"
 *
 *   MOSAIC_ABI("upper: string -> string")
 *   MOSAIC_EXPORT("upper") uint64_t upper(const char *s, size_t len) {
 *     mosaic_begin();
 *     char *out = mosaic_alloc(len);
 *     ...
 *     return mosaic_return(out, len);
 *   }
 *
 * Build a plugin without libc (no WASI imports):
 *   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o plugin.wasm plugin.c
 * or with wasi-libc (printf, snprintf...; the module then imports WASI):
 *   clang --target=wasm32-wasi -O2 -mexec-model=reactor -o plugin.wasm plugin.c
 *
 * Works with clang 14 and later. The header has no dependencies but <stddef.h> and <stdint.h>.
 */
#ifndef MOSAIC_H
#define MOSAIC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- exports and their kinds ------------------------------------------------------------ */

/* Exports a function under NAME (a string literal). */
#define MOSAIC_EXPORT(name) __attribute__((export_name(name), visibility("default")))

/*
 * Declares the kinds of one export in the module's `mosaic.abi` custom section, e.g.
 * MOSAIC_ABI("upper: string -> string"). Use it at file scope, once per export that takes or
 * returns strings or bytes; exports without a line take and return numbers only.
 *
 * `__attribute__((section("mosaic.abi")))` does NOT work for this: clang puts such data in linear
 * memory. A top-level assembler block that switches to `.custom_section.mosaic.abi` does; lines
 * from every object file of the module are concatenated by the linker.
 */
#define MOSAIC_ABI(line)                                                                   \
  __asm__(".section .custom_section.mosaic.abi,\"\",@\n"                                   \
          ".ascii \"" line "\\n\"\n"                                                       \
          ".text\n");

/* A string or bytes result: `ptr << 32 | len`, as the ABI wants an i64. */
static inline uint64_t mosaic_pack(const void *ptr, size_t len) {
  return ((uint64_t)(uintptr_t)ptr << 32) | (uint64_t)(uint32_t)len;
}

/* ---- memory for arguments and results ----------------------------------------------------
 *
 * The host copies every string or bytes argument into the module with the exported `alloc`
 * and never frees. This allocator is an arena that the module empties itself: call
 * mosaic_begin() first in every export that takes or returns strings or bytes, and end it with
 * mosaic_return(ptr, len) (or mosaic_end() for other results). When the outermost such export
 * has returned, the arena is reused from its start by the next call (the host reads the result
 * before it calls or allocates again), so memory does not grow from call to call. Memory it
 * hands out lives until then: do not keep pointers to it across calls.
 *
 * The arena takes pages with memory.grow, so it lives beside malloc (wasi-libc) without overlap.
 */

/* Allocates `len` bytes (8-byte aligned) in the arena; NULL when memory cannot grow. */
void *mosaic_alloc(size_t len);

/* Marks the start of an export's work. */
void mosaic_begin(void);

/* Marks its end: the arena may be emptied before the next call. */
void mosaic_end(void);

/* Ends the export and returns ptr/len packed. */
static inline uint64_t mosaic_return(const void *ptr, size_t len) {
  mosaic_end();
  return mosaic_pack(ptr, len);
}

/* ---- host functions (capabilities) --------------------------------------------------------
 *
 * Linked only when the policy grants the capability (the plan is refused with E7001
 * otherwise), so import only what the component needs: each is declared here, and the module
 * imports only those it calls. Results: see docs/guest-abi.md; a negative value is an error
 * code (-1 denied, -2 not found, -3 invalid argument, -4 too large, -5 i/o, -6 no backend). A
 * packed result (`int64_t`) names bytes the host placed with `alloc`: mosaic_ptr()/mosaic_len().
 */
#define MOSAIC_IMPORT(name) __attribute__((import_module("mosaic"), import_name(name)))

MOSAIC_IMPORT("log") void mosaic_log(const char *text, size_t len);
MOSAIC_IMPORT("clock_now") int64_t mosaic_clock_now(void);
MOSAIC_IMPORT("clock_monotonic") int64_t mosaic_clock_monotonic(void);
MOSAIC_IMPORT("random_fill") int32_t mosaic_random_fill(void *buf, size_t len);
MOSAIC_IMPORT("secret_read") int64_t mosaic_secret_read(const char *name, size_t name_len);
MOSAIC_IMPORT("secret_hmac")
int64_t mosaic_secret_hmac(const char *name, size_t name_len, const void *data, size_t data_len);
MOSAIC_IMPORT("kv_get") int64_t mosaic_kv_get(const char *key, size_t key_len);
MOSAIC_IMPORT("kv_put")
int32_t mosaic_kv_put(const char *key, size_t key_len, const void *value, size_t value_len);
MOSAIC_IMPORT("kv_delete") int32_t mosaic_kv_delete(const char *key, size_t key_len);
MOSAIC_IMPORT("http_get") int64_t mosaic_http_get(const char *url, size_t url_len);
MOSAIC_IMPORT("http_post")
int64_t mosaic_http_post(const char *url, size_t url_len, const void *body, size_t body_len);
MOSAIC_IMPORT("files_read") int64_t mosaic_files_read(const char *path, size_t path_len);
MOSAIC_IMPORT("files_write")
int32_t mosaic_files_write(const char *path, size_t path_len, const void *data, size_t data_len);
MOSAIC_IMPORT("files_list") int64_t mosaic_files_list(const char *path, size_t path_len);

/* The pointer and length of a packed host result (check `packed >= 0` first). */
static inline void *mosaic_ptr(int64_t packed) {
  return (void *)(uintptr_t)((uint64_t)packed >> 32);
}
static inline size_t mosaic_len(int64_t packed) {
  return (size_t)(uint32_t)packed;
}

/* Logs a NUL-terminated string. */
static inline void mosaic_log_str(const char *text) {
  size_t n = 0;
  while (text[n]) {
    n++;
  }
  mosaic_log(text, n);
}

#ifdef MOSAIC_IMPLEMENTATION

#define MOSAIC__PAGE 65536u

/* Chunks of pages taken with memory.grow; a chunk header sits at its start. */
typedef struct mosaic__chunk {
  struct mosaic__chunk *next;
  size_t size; /* usable bytes after the header */
} mosaic__chunk;

static mosaic__chunk *mosaic__first;
static mosaic__chunk *mosaic__current;
static size_t mosaic__used;
static int mosaic__depth;
static int mosaic__reusable;

static mosaic__chunk *mosaic__grow(size_t need) {
  size_t bytes = need + sizeof(mosaic__chunk);
  if (bytes < need) {
    return 0;
  }
  size_t pages = (bytes + MOSAIC__PAGE - 1) / MOSAIC__PAGE;
  if (pages < 4) {
    pages = 4;
  }
  size_t old = __builtin_wasm_memory_grow(0, pages);
  if (old == (size_t)-1) {
    return 0;
  }
  mosaic__chunk *c = (mosaic__chunk *)(uintptr_t)(old * MOSAIC__PAGE);
  c->next = 0;
  c->size = pages * MOSAIC__PAGE - sizeof(mosaic__chunk);
  return c;
}

static void mosaic__reset_if_done(void) {
  if (mosaic__reusable) {
    mosaic__reusable = 0;
    mosaic__current = mosaic__first;
    mosaic__used = 0;
  }
}

void *mosaic_alloc(size_t len) {
  size_t need = (len + 7u) & ~(size_t)7u;
  if (need < len) {
    return 0;
  }
  if (!mosaic__current) {
    mosaic__first = mosaic__current = mosaic__grow(need);
    mosaic__used = 0;
    if (!mosaic__current) {
      return 0;
    }
  }
  while (mosaic__current->size - mosaic__used < need) {
    if (!mosaic__current->next) {
      mosaic__chunk *c = mosaic__grow(need);
      if (!c) {
        return 0;
      }
      mosaic__current->next = c;
    }
    mosaic__current = mosaic__current->next;
    mosaic__used = 0;
  }
  void *p = (char *)(mosaic__current + 1) + mosaic__used;
  mosaic__used += need;
  return p;
}

/* The host's entry: empties the arena first when the last call has returned. */
MOSAIC_EXPORT("alloc") void *mosaic__host_alloc(int32_t len) {
  if (len < 0) {
    return 0;
  }
  if (mosaic__depth == 0) {
    mosaic__reset_if_done();
  }
  return mosaic_alloc((size_t)len);
}

void mosaic_begin(void) {
  if (mosaic__depth == 0 && mosaic__reusable) {
    /* A call without arguments: nothing of the last call is needed any more. */
    mosaic__reset_if_done();
  }
  mosaic__depth++;
}

void mosaic_end(void) {
  if (mosaic__depth > 0 && --mosaic__depth == 0) {
    mosaic__reusable = 1;
  }
}

#endif /* MOSAIC_IMPLEMENTATION */

#ifdef __cplusplus
}
#endif

#endif /* MOSAIC_H */
