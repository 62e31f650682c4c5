package io.firstsettle.emulator.zvt;

import io.firstsettle.core.EventSink;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.codec.TlvCodec;
import io.firstsettle.ecr.zvt.codec.TlvObject;
import io.firstsettle.ecr.zvt.codec.TlvTag;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the emulated terminal makes of the TLV containers (BMP 06) a register sends ([ZVT-SPEC] §9.2, protocols.md
 * A.5/A.6). Every container is accepted, empty ({@code 06 00}) or not; each object is recorded in the event
 * {@code tlv-received} by tag and name, unknown tags as tag + hex and otherwise left alone. Acted on:
 * <ul>
 *   <li>any container in Registration activates TLV until Log-Off, one in a command for that request;</li>
 *   <li>tag 26 (list of permitted ZVT commands, entries 0A class instr) in Registration: the terminal sends only
 *       what the register permits; a list that permits Print Text-Block 06 D3 but not Print Line 06 D1 gets its
 *       receipts as text blocks (and the reverse), one that leaves out 04 FF gets no intermediate status.</li>
 * </ul>
 * Log-Off ends both ([ZVT-SPEC] §2.24).
 */
final class RegisterTlv {
    private static final int PRINT_LINE = 0x06D1;
    private static final int PRINT_TEXT_BLOCK = 0x06D3;
    private static final int INTERMEDIATE_STATUS = 0x04FF;

    private final EventSink events;
    private volatile boolean activated;
    /** class << 8 | instr of every command the register permits, or null when it sent no list. */
    private volatile Set<Integer> permitted;

    RegisterTlv(EventSink events) {
        this.events = events;
    }

    void registration(Registration r) {
        permitted = null;
        activated = r.tlv() != null;
        if (r.tlv() == null) {
            return;
        }
        List<TlvObject> objects = received("Registration", r.tlv());
        for (TlvObject o : objects) {
            if (o.tag() == TlvTag.PERMITTED_COMMANDS.tag()) {
                Set<Integer> cmds = new TreeSet<>();
                for (TlvObject c : children(o)) {
                    byte[] v = c.value();
                    if (c.tag() == TlvTag.ZVT_COMMAND.tag() && v.length == 2) {
                        cmds.add((v[0] & 0xFF) << 8 | (v[1] & 0xFF));
                    }
                }
                permitted = cmds;
                events.record("terminal", "tlv-permitted-commands", Map.of("commands",
                        cmds.stream().map(c -> String.format("%02X %02X", c >> 8, c & 0xFF)).toList(),
                        "receipts", textBlocksOr(false) ? "06 D3 text blocks" : "06 D1 print lines"));
            }
        }
    }

    /** A container in a command other than Registration: recorded; it activates TLV for this request only. */
    void command(String command, Optional<BmpField> tlv) {
        tlv.ifPresent(c -> received(command, c));
    }

    void logOff() {
        activated = false;
        permitted = null;
    }

    boolean activated() {
        return activated;
    }

    /** Text blocks when the register's list says so; otherwise the profile's choice {@code profileTextBlocks}. */
    boolean textBlocksOr(boolean profileTextBlocks) {
        Set<Integer> p = permitted;
        if (p != null && p.contains(PRINT_TEXT_BLOCK) != p.contains(PRINT_LINE)) {
            return p.contains(PRINT_TEXT_BLOCK);
        }
        return profileTextBlocks;
    }

    /** False only when the register sent a list of permitted commands without 04 FF. */
    boolean intermediateStatusPermitted() {
        Set<Integer> p = permitted;
        return p == null || p.contains(INTERMEDIATE_STATUS);
    }

    private List<TlvObject> received(String command, BmpField container) {
        List<TlvObject> objects;
        try {
            objects = TlvCodec.decodeContainer(container);
        } catch (ZvtFormatException e) {
            // the BMP 06 length itself was sound (the command decoded); its inside is not: keep it, act on nothing
            events.record("terminal", "tlv-unreadable", Map.of("command", command, "error", e.getMessage()));
            return List.of();
        }
        List<String> shown = new ArrayList<>();
        for (TlvObject o : objects) {
            shown.add(o.tagHex() + o.name().map(n -> " (" + n + ")").orElse(" (unknown tag, kept)")
                    + " " + o.value().length + " bytes");
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("command", command);
        ev.put("objects", shown);
        ev.put("empty", objects.isEmpty());
        events.record("terminal", "tlv-received", ev);
        return objects;
    }

    private static List<TlvObject> children(TlvObject o) {
        try {
            return o.children();
        } catch (ZvtFormatException e) {
            return List.of();
        }
    }
}
