// A WASI command in C, built with wasi-libc by examples/build-guests.sh: printf writes to standard
// output, which the host sends to the log because the policy grants `log`, and the status main
// returns becomes the exit status of `mosaic run` (guide: docs/guests/c.md).
#include <stdio.h>
#include <string.h>

int main(void) {
  char line[64];
  snprintf(line, sizeof line, "%d + %d = %d", 40, 2, 40 + 2);
  printf("hello from C: %s\n", line);
  fprintf(stderr, "%zu bytes formatted\n", strlen(line));
  return 3;
}
