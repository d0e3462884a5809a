/*
 * SHA-256 (Brad Conte's public-domain crypto-algorithms) over 16 MiB of linear memory.
 * setup() fills the input once with a fixed pseudo-random sequence; run() hashes it and
 * returns the first four bytes of the digest, big-endian.
 */
#include <stdint.h>
#include <stdlib.h>
#include "third_party/crypto-algorithms/sha256.h"

#define LEN (16u << 20)
static BYTE *input;

__attribute__((export_name("setup"))) void setup(void) {
  if (!input) input = malloc(LEN);
  uint32_t x = 2463534242u;
  for (uint32_t i = 0; i < LEN; i++) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    input[i] = (BYTE)x;
  }
}

__attribute__((export_name("run"))) uint32_t run(void) {
  SHA256_CTX ctx;
  BYTE hash[SHA256_BLOCK_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, input, LEN);
  sha256_final(&ctx, hash);
  return (uint32_t)hash[0] << 24 | (uint32_t)hash[1] << 16 | (uint32_t)hash[2] << 8 | hash[3];
}
