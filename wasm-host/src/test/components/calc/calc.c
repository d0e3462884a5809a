// The C component: exports mosaic:calc/ops and mosaic:calc/tricks, imports wasi:cli/stdout.
// Compiled without libc (clang --target=wasm32-wasip1 -nostdlib), made a component by
// `jco embed` + `jco new`; the canonical ABI is followed by hand.
#include <stddef.h>
#include <stdint.h>

#define OPS(name) __attribute__((export_name("mosaic:calc/ops@0.1.0#" name)))
#define TRICKS(name) __attribute__((export_name("mosaic:calc/tricks@0.1.0#" name)))

extern unsigned char __heap_base;
static uintptr_t heap = (uintptr_t)&__heap_base;

// A bump allocator for the arguments and results of one call; it grows memory as needed, and
// each export's post-return function (cabi_post_NAME) frees everything when the call is over.
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *old, size_t old_size,
                                                                size_t align, size_t size) {
  uintptr_t p = (heap + align - 1) & ~(uintptr_t)(align - 1);
  uintptr_t end = p + size;
  uintptr_t have = __builtin_wasm_memory_size(0) * 65536;
  if (end > have) {
    size_t pages = (end - have + 65535) / 65536;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) {
      __builtin_trap();
    }
  }
  heap = end;
  unsigned char *dst = (unsigned char *)p;
  for (size_t i = 0; old != NULL && i < old_size && i < size; i++) {
    dst[i] = ((unsigned char *)old)[i];
  }
  return dst;
}

static void reset(void) { heap = (uintptr_t)&__heap_base; }

// The post-return functions take the export's flat results.
#define POST(name, type)                                                         \
  __attribute__((export_name("cabi_post_mosaic:calc/ops@0.1.0#" #name))) void \
      post_##name(type ignored) {                                              \
    reset();                                                                    \
  }

OPS("add") int32_t add(int32_t a, int32_t b) { return a + b; }

static uint32_t ret[2];

OPS("concat") uint32_t *concat(char *a, size_t alen, char *b, size_t blen) {
  char *out = cabi_realloc(NULL, 0, 1, alen + blen);
  for (size_t i = 0; i < alen; i++) out[i] = a[i];
  for (size_t i = 0; i < blen; i++) out[alen + i] = b[i];
  ret[0] = (uint32_t)(uintptr_t)out;
  ret[1] = (uint32_t)(alen + blen);
  return ret;
}

POST(concat, uint32_t *)

OPS("sum") int64_t sum(int32_t *xs, size_t n) {
  int64_t s = 0;
  for (size_t i = 0; i < n; i++) s += xs[i];
  return s;
}

POST(sum, int64_t)

typedef struct {
  const char *name;
  size_t len;
  uint32_t qty;
} item;

// total(items: list<item>) -> u64: the quantities plus the names' lengths.
OPS("total") uint64_t total(item *items, size_t n) {
  uint64_t t = 0;
  for (size_t i = 0; i < n; i++) t += items[i].qty + items[i].len;
  return t;
}

POST(total, uint64_t)

__attribute__((import_module("wasi:cli/stdout@0.2.0"), import_name("get-stdout")))
int32_t get_stdout(void);
__attribute__((import_module("wasi:io/streams@0.2.0"),
               import_name("[method]output-stream.blocking-write-and-flush")))
void write_and_flush(int32_t self, const char *bytes, size_t len, uint32_t *result);
__attribute__((import_module("wasi:io/streams@0.2.0"),
               import_name("[resource-drop]output-stream")))
void drop_stream(int32_t self);

static void write_line(const char *text, size_t len) {
  static char line[4096];
  size_t n = len < sizeof line - 1 ? len : sizeof line - 1;
  for (size_t i = 0; i < n; i++) line[i] = text[i];
  line[n] = '\n';
  uint32_t result[3];
  int32_t out = get_stdout();
  write_and_flush(out, line, n + 1, result);
  drop_stream(out);
}

TRICKS("say") void say(char *text, size_t len) {
  write_line(text, len);
  reset();
}

TRICKS("flood") void flood(uint32_t lines) {
  for (uint32_t i = 0; i < lines; i++) write_line("flood", 5);
}

TRICKS("spin") void spin(void) {
  for (volatile int i = 0;; i++) {
  }
}

TRICKS("grow") int32_t grow(uint32_t pages) { return (int32_t)__builtin_wasm_memory_grow(0, pages); }
