package dev.mosaic.plan.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.plan.MosaicException;
import dev.mosaic.plan.diag.ErrorCode.Band;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void theBandOfAnIdGivesTheExitCode() {
    assertThat(ErrorCode.of("E0002").band()).isEqualTo(Band.TOOL);
    assertThat(ErrorCode.of("E1001").exitCode()).isEqualTo(65);
    assertThat(ErrorCode.of("E3101").band()).isEqualTo(Band.PLAN_SCHEMA);
    assertThat(ErrorCode.of("E4001").band()).isEqualTo(Band.BLOB_MISSING);
    assertThat(ErrorCode.of("E4001").exitCode()).isEqualTo(66);
    assertThat(ErrorCode.of("E4110").band()).isEqualTo(Band.INTEGRITY);
    assertThat(ErrorCode.of("E4110").exitCode()).isEqualTo(77);
    assertThat(ErrorCode.of("E4203").band()).isEqualTo(Band.BLOB_CONTENT);
    assertThat(ErrorCode.of("E4203").exitCode()).isEqualTo(65);
    assertThat(ErrorCode.of("E7117").exitCode()).isEqualTo(77);
    assertThat(ErrorCode.of("E9008").exitCode()).isEqualTo(70);
  }

  @Test
  void exitCodesForCodeAndDiagnosticsAgreeWithTheBand() {
    for (String id : new String[] {"E0001", "E2011", "E4002", "E4120", "E4210", "E6001", "E9004"}) {
      assertThat(ExitCodes.forCode(id)).as(id).isEqualTo(ErrorCode.of(id).exitCode());
      assertThat(Diagnostic.of(id, "m").exitCode()).as(id).isEqualTo(ErrorCode.of(id).exitCode());
    }
    assertThat(new MosaicException("E7101", "denied").errorCode())
        .isEqualTo(new ErrorCode("E7101", Band.POLICY));
  }

  @Test
  void malformedIdsAndWrongBandsAreRefused() {
    for (String bad : new String[] {"", "E310", "E31011", "e3101", "X3101", "E31a1", " E3101"}) {
      assertThatThrownBy(() -> ErrorCode.of(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThat(ErrorCode.isValid(bad)).isFalse();
      assertThat(ExitCodes.forCode(bad)).isEqualTo(ExitCodes.INPUT_REJECTED);
    }
    assertThatThrownBy(() -> ErrorCode.of(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ErrorCode("E4101", Band.BLOB_CONTENT))
        .hasMessageContaining("INTEGRITY");
    assertThat(ErrorCode.of("E3101")).hasToString("E3101");
  }
}
