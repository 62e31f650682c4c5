package io.firstsettle.terminal.zvt;

import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Refund;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.Reversal;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.ecr.zvt.message.TerminalStatusCode;
import io.firstsettle.ecr.zvt.register.EcrBehaviour;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Operation;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.RegisterBehaviour;
import io.firstsettle.terminal.TerminalStatus;

import java.util.EnumSet;
import java.util.Set;

/**
 * The {@link Register} port over ZVT: each operation is one {@link EcrClient} command sequence (Registration 06 00,
 * Authorization 06 01, Refund 06 31, Reversal 06 30, End-of-Day 06 50, Status Enquiry 05 01) with the terminal
 * profile's password, config byte and currency, and its transcript read as an {@link Outcome}.
 */
public final class ZvtRegister implements Register {
    private final EcrClient ecr;
    private final ApduLink link;
    private final TerminalProfile profile;
    private final Set<Capability> capabilities;

    public ZvtRegister(EcrClient ecr, ApduLink link, TerminalProfile profile) {
        this.ecr = ecr;
        this.link = link;
        this.profile = profile;
        this.capabilities = capabilities(profile);
    }

    /** What a ZVT register can ask of the terminal {@code profile} describes (abort only where the profile says). */
    public static Set<Capability> capabilities(TerminalProfile profile) {
        Set<Capability> c = EnumSet.of(Capability.LOGON, Capability.SALE, Capability.REFUND, Capability.REVERSAL,
                Capability.END_OF_DAY, Capability.STATUS, Capability.PRINT_LINES, Capability.HOST_CODES);
        if (profile.abortSupported()) {
            c.add(Capability.ABORT);
        }
        return Set.copyOf(c);
    }

    /** The ZVT client underneath, for ZVT-only tools (bench commands, doctor); steps never use it. */
    public EcrClient ecr() {
        return ecr;
    }

    @Override
    public String protocol() {
        return ZvtOutcomes.PROTOCOL;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Outcome logOn() {
        return outcome(Operation.LOGON, ecr.register(new Registration(profile.password(), profile.configByteValue(),
                profile.currency(), null)));
    }

    @Override
    public Outcome sale(long amountMinor) {
        return outcome(Operation.SALE, ecr.authorize(new Authorization(amountMinor, profile.currency(), null, null,
                null)));
    }

    @Override
    public Outcome refund(long amountMinor) {
        return outcome(Operation.REFUND, ecr.refund(new Refund(profile.password(), amountMinor, profile.currency())));
    }

    @Override
    public Outcome reversal(Outcome original) {
        if (original.receiptNumber() == null) {
            throw new IllegalArgumentException("a ZVT reversal names the sale's receipt number (BMP 87), and the sale "
                    + original + " reported none");
        }
        return outcome(Operation.REVERSAL, ecr.reversal(new Reversal(profile.password(), original.receiptNumber())));
    }

    @Override
    public Outcome endOfDay() {
        return outcome(Operation.END_OF_DAY, ecr.endOfDay(new EndOfDay(profile.password())));
    }

    @Override
    public TerminalStatus status() {
        EcrTranscript t = ecr.statusEnquiry(new StatusEnquiry(profile.password()));
        TerminalStatusCode s = t.completion() == null ? null : t.completion().terminalStatusCode().orElse(null);
        return new TerminalStatus(outcome(Operation.STATUS, t), s == TerminalStatusCode.RECONCILIATION_REQUIRED,
                String.valueOf(s));
    }

    @Override
    public void behave(RegisterBehaviour b) {
        if (!supports(b.needs())) {
            throw notSupported(b.needs(), "terminal profile " + profile.name() + " says the terminal does not accept "
                    + "Abort (06 B0) from the register (some PAX firmwares refuse it)");
        }
        ecr.behaviour(switch (b) {
            case IGNORES_PRINT_LINES -> EcrBehaviour.IGNORES_PRINT_LINES;
            case ABORTS_WHILE_WAITING_FOR_HOST -> EcrBehaviour.ABORTS_WHILE_WAITING_FOR_HOST;
        });
    }

    private Outcome outcome(Operation op, EcrTranscript t) {
        return ZvtOutcomes.of(op, t, t.finished() || link.peerEverAnswered());
    }

    @Override
    public void close() {
        ecr.close();
    }
}
