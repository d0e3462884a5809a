/*
 * wasi-libc's qsort over one million ints. setup() makes a fixed pseudo-random array once;
 * run() copies it, sorts the copy with qsort and returns a position-weighted checksum.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define N 1000000
static int32_t *source, *work;

static int compare(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

__attribute__((export_name("setup"))) void setup(void) {
  if (!source) { source = malloc(N * sizeof *source); work = malloc(N * sizeof *work); }
  uint32_t x = 88172645u;
  for (int i = 0; i < N; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    source[i] = (int32_t)x;
  }
}

__attribute__((export_name("run"))) uint32_t run(void) {
  memcpy(work, source, N * sizeof *work);
  qsort(work, N, sizeof *work, compare);
  uint32_t sum = 0;
  for (int i = 0; i < N; i++) sum = sum * 31u + (uint32_t)work[i];
  return sum;
}
