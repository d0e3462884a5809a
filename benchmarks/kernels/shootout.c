/*
 * Entry point for one sightglass shootout kernel, built with -Dmain=shootout_main:
 * run() runs the kernel's main once and returns the low 32 bits of the value it passed to
 * BLACK_BOX last, so every runtime can be checked for the same answer.
 */
#include <stdint.h>

volatile uint64_t mosaic_sink;
int shootout_main(void);

__attribute__((export_name("run"))) uint32_t run(void) {
  shootout_main();
  return (uint32_t)mosaic_sink;
}
