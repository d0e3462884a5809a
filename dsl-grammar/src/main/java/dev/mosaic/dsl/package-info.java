/**
 * The parser entry of the Mosaic language: ScriptParser turns source text into a syntax tree or
 * coded syntax errors, through the ANTLR-generated dev.mosaic.dsl.grammar. Exported API. May depend
 * on dsl.ast, the generated grammar and the ANTLR runtime.
 */
package dev.mosaic.dsl;
