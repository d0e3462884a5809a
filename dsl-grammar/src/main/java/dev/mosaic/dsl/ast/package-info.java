/**
 * The syntax tree of a script: one sealed hierarchy of records with source spans. Exported API.
 * Depends on nothing but the JDK.
 */
package dev.mosaic.dsl.ast;
