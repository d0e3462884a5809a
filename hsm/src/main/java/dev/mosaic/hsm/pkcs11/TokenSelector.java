package dev.mosaic.hsm.pkcs11;

import java.util.Objects;

/** Which token of a PKCS#11 module to use: by its label or by its slot id. */
public sealed interface TokenSelector {

  /** The token whose label (without the padding blanks) is {@code label}. */
  static TokenSelector label(String label) {
    return new Label(label);
  }

  /** The token in slot {@code id}. */
  static TokenSelector slot(long id) {
    return new Slot(id);
  }

  /** A description for messages and backend ids. */
  String describe();

  /**
   * A token label.
   *
   * @param label label without padding
   */
  record Label(String label) implements TokenSelector {
    public Label {
      Objects.requireNonNull(label, "label");
    }

    @Override
    public String describe() {
      return label;
    }
  }

  /**
   * A slot id.
   *
   * @param id slot id as the module reports it
   */
  record Slot(long id) implements TokenSelector {
    @Override
    public String describe() {
      return "slot-" + Long.toUnsignedString(id);
    }
  }
}
