package dev.mosaic.hsm.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureFailureTest {

  @Test
  void classifiesComponentSignatureCodes() {
    assertThat(SignatureFailure.of("E4110")).contains(SignatureFailure.MISSING);
    assertThat(SignatureFailure.of("E4111")).contains(SignatureFailure.INVALID);
    assertThat(SignatureFailure.of("E4116")).contains(SignatureFailure.INVALID);
    assertThat(SignatureFailure.of("E4112")).contains(SignatureFailure.UNTRUSTED);
    assertThat(SignatureFailure.of("E4113")).contains(SignatureFailure.UNTRUSTED);
    assertThat(SignatureFailure.of("E4114")).contains(SignatureFailure.UNTRUSTED);
    assertThat(SignatureFailure.of("E4118")).contains(SignatureFailure.UNTRUSTED);
    assertThat(SignatureFailure.of("E4115")).isEmpty();
    assertThat(SignatureFailure.of("E4117")).isEmpty();
    assertThat(SignatureFailure.of("E4121")).isEmpty();
  }

  @Test
  void everyCodeIsDistinctInTheSignatureBandAndDocumented() throws Exception {
    String errors =
        java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "errors.md"));
    List<String> codes = new ArrayList<>();
    for (Field f : SignatureCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        codes.add((String) f.get(null));
      }
    }

    assertThat(codes).hasSize(13).doesNotHaveDuplicates();
    for (String code : codes) {
      assertThat(code).matches("E41[1-9][0-9]");
      assertThat(errors).as(code).contains("| " + code + " |");
    }
  }
}
