/**
 * WIT at the language's front doors: the WIT text reader (WitParser), the value notation WAVE
 * (Wave) read and printed against WIT types, the functions of a component's world by their
 * Composition.call names (WitFunctions) and the one-to-one mapping of the language's interface
 * blocks onto WIT (WitMapping). Exported only to the command line. May depend on
 * dev.mosaic.host.component and its binary and abi packages, and on dev.mosaic.plan.
 */
package dev.mosaic.interpreter.wit;
