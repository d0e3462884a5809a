/**
 * The component model's type and value model (WitType, ValType, DefType, Definition, worlds,
 * resources) with ComponentInstance, which links a component's core modules. Exported: its values
 * (WitResult, VariantValue, ResourceValue) are what Composition.call takes and returns for
 * components. Over fifteen classes on purpose: the sealed hierarchies (WitType and ValType both
 * permit Primitive, Definition, DefType, CoreType, Item, ExternName) must share one package because
 * the project also runs on the class path, where a sealed type's subclasses must be in its package.
 * May depend on component.abi, component.binary, host.internal and dev.mosaic.plan.
 */
package dev.mosaic.host.component;
