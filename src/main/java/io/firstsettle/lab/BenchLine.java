package io.firstsettle.lab;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.link.TcpZvtLink;
import io.firstsettle.port.BytePorts;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.TerminalProfile;

import java.nio.charset.Charset;

/** The cash register's line to a physical terminal, as its profile names it (serial, ser2net, RFC 2217, ZVT/TCP). */
public final class BenchLine {
    private BenchLine() {
    }

    public static SerialSettings settings(TerminalProfile p) {
        return new SerialSettings(p.baud(), 8, p.stopBits(), SerialSettings.Parity.NONE);
    }

    /** Opens the profile's line; fails with the port's own message (which names what to do). */
    public static ApduLink open(TerminalProfile p, LabClock clock, EventSink events) {
        LinkTimings timings = p.linkTimings(clock);
        return "tcp".equals(p.ecrLink()) ? TcpZvtLink.connect(p.port(), events)
                : new SerialZvtLink(BytePorts.open(p.port(), settings(p)), timings, events, "ecr");
    }

    /** A cash register on an open line, with the profile's timers and character set. */
    public static EcrClient register(ApduLink link, TerminalProfile p, LabClock clock, EventSink events) {
        LinkTimings timings = p.linkTimings(clock);
        return new EcrClient(link, timings.t3(), timings.t4(), clock, events)
                .tolerateUnknownBmps(p.tolerateUnknownBmps()).charset(Charset.forName(p.charset()));
    }
}
