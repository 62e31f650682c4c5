package io.firstsettle.terminal;

import java.util.Objects;

/**
 * The result code a terminal reported, as text for the evidence, and the host's response code inside it when the
 * protocol carries one.
 *
 * @param protocol         "zvt", "concert"
 * @param text             the raw code as the protocol writes it: ZVT "33" (hex of the result byte), Concert "7"
 * @param hostCode         the ISO 8583 DE39 the code carries ("51"), null when this code is not a host code
 * @param carriesHostCodes whether this protocol passes host response codes through at all (ZVT does; Concert E+
 *                         answers only success / rejected / not verified)
 */
public record ReportedCode(String protocol, String text, String hostCode, boolean carriesHostCodes) {
    public ReportedCode {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
