package dev.mosaic.plan.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.PlanCodec;
import dev.mosaic.plan.PlanFixtures;
import dev.mosaic.plan.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A wrong item inside a function or a binding is reported with its exact path, and every such item
 * of the plan is reported, not only the first.
 */
class PlanReaderPathTest {
  private final PlanCodec codec = new PlanCodec();

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return new ArrayList<>((List<Object>) o);
  }

  @Test
  @SuppressWarnings("unchecked")
  void wrongItemsInFunctionsAndBindingsAreReportedWithTheirPaths() {
    Map<String, Object> tree = PlanTree.toTree(PlanFixtures.typical());
    List<Object> components = list(tree.get("components"));
    Map<String, Object> first = CanonicalCbor.map();
    first.putAll((Map<String, Object>) components.get(0));
    List<Object> imports = list(first.get("imports"));
    List<Object> f0 = list(imports.get(0));
    f0.set(0, 7L); // module
    f0.set(1, List.of()); // name
    f0.set(2, List.of("i32", 8L)); // a parameter type
    imports.set(0, f0);
    List<Object> f1 = list(imports.get(1));
    f1.set(3, "i32"); // results: a text, not an array
    imports.set(1, f1);
    first.put("imports", imports);
    components.set(0, first);
    tree.put("components", components);
    List<Object> bindings = list(tree.get("bindings"));
    List<Object> b2 = list(bindings.get(2));
    b2.set(3, 9L); // exporter
    bindings.set(2, b2);
    bindings.set(3, List.of("a", "b"));
    tree.put("bindings", bindings);

    MosaicException e =
        catchThrowableOfType(MosaicException.class, () -> codec.decode(CanonicalCbor.encode(tree)));

    assertThat(e).isNotNull();
    assertThat(e.diagnostics().stream().map(Diagnostic::message))
        .containsExactlyInAnyOrder(
            "wrong type at `$.components[0].imports[0][0]`: expected a text string, found an"
                + " integer",
            "wrong type at `$.components[0].imports[0][1]`: expected a text string, found an"
                + " array of 0",
            "wrong type at `$.components[0].imports[0][2][1]`: expected a text string, found an"
                + " integer",
            "wrong type at `$.components[0].imports[1][3]`: expected an array of strings, found a"
                + " text string",
            "wrong type at `$.bindings[2][3]`: expected a text string, found an integer",
            "wrong type at `$.bindings[3]`: expected an array of 5 strings, found an array of 2");
  }
}
