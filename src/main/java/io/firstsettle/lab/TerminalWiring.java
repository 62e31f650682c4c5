package io.firstsettle.lab;

import io.firstsettle.emulator.Defect;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.terminal.TerminalUnderTest;

import java.util.Set;

/**
 * What a terminal under test is built from: the rig's spec, the defects an emulated one reproduces, where its
 * acquirer line ends (the link-fault proxy's port and the TPDU header) and the scenario's evidence.
 */
record TerminalWiring(Rig.Spec spec, Set<Defect> defects, int proxyPort, String isoHeader, EvidenceRecorder evidence) {

    /** The terminal the spec's profile names: emulated or physical, ZVT or Concert. */
    TerminalUnderTest terminal() {
        boolean concert = spec.terminal().concertProtocol();
        if (!spec.terminal().emulated()) {
            return new PhysicalUnderTest(this);
        }
        return concert ? new EmulatedConcertUnderTest(this) : new EmulatedZvtUnderTest(this);
    }
}
