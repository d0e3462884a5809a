package dev.mosaic.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iaik.pkcs.pkcs11.Module;
import iaik.pkcs.pkcs11.Slot;
import iaik.pkcs.pkcs11.Token;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionPoolTest {
  private static Token token(String label) throws Exception {
    Module module = Pkcs11Modules.load(SoftHsm.LIBRARY);
    for (Slot slot : module.getSlotList(Module.SlotRequirement.TOKEN_PRESENT)) {
      if (slot.getToken().getTokenInfo().getLabel().strip().equals(label)) {
        return slot.getToken();
      }
    }
    throw new IllegalStateException(label);
  }

  @Test
  void callsWaitForAFreeSessionAndGiveUpWithACode() throws Exception {
    SoftHsm.shared();
    Token token = token(SoftHsm.LOCKED);
    SessionPool pool =
        new SessionPool(
            token,
            "pkcs11://locked",
            1,
            Duration.ofMillis(150),
            token.openSession(
                Token.SessionType.SERIAL_SESSION,
                Token.SessionReadWriteBehavior.RO_SESSION,
                null,
                null));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Long> holder =
        CompletableFuture.supplyAsync(
            () ->
                pool.run(
                    "holding",
                    session -> {
                      inside.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return session.getSessionHandle();
                    }));
    try {
      assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> pool.run("reading `x`", session -> 1))
          .hasMessage(
              "error[E7110]: no pkcs#11 session of `pkcs11://locked` became free within 150 ms"
                  + " while reading `x`");
    } finally {
      release.countDown();
    }
    long held = holder.get(5, TimeUnit.SECONDS);
    long reused = pool.run("reusing", session -> session.getSessionHandle());
    assertThat(reused).isEqualTo(held);
    pool.close();
    assertThatThrownBy(() -> pool.run("after close", session -> 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
