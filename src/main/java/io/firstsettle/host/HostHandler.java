package io.firstsettle.host;

import java.util.Map;
import java.util.Optional;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;

/**
 * One request through the host: journal it, refuse it (malformed: 30; host maintenance: the profile's code), else
 * read it with the {@link IsoDialect}, let the {@link Acquirer} answer, write the answer back, journal and send it.
 * Package-private: {@link AcquirerHost} is the surface.
 */
final class HostHandler {
    private final HostConfig config;
    private final IsoDialect dialect;
    private final Acquirer acquirer;
    private final IsoJournalWriter journal;
    private final HostFaults faults;

    /** @param book the acquirer's durable terminal store and working memory */
    HostHandler(HostConfig config, ResponseCodes codes, BankClient bank, HostJournal journal, HostFaults faults,
                AcquirerBook book) {
        this.config = config;
        this.dialect = new IsoDialect(codes, config.clock());
        this.acquirer = new Acquirer(config, bank, journal, book);
        this.journal = new IsoJournalWriter(journal, config.clock(), config.events());
        this.faults = faults;
    }

    /**
     * Whether the host answers {@code in} from memory, without the bank or another request's outcome: network
     * management (08xx: sign-on, sign-off, echo test). Such a request is served on its session's own thread; a
     * hand-off to a worker would cost two thread switches and buy nothing.
     */
    static boolean answersAtOnce(ISOMsg in) {
        String mti;
        try {
            mti = in.getMTI();
        } catch (ISOException e) {
            return false;
        }
        return mti != null && mti.length() == 4 && mti.charAt(0) == '0' && mti.charAt(1) == '8';
    }

    void handle(ISOSource source, ISOMsg in) {
        String mti = "????";
        ISOMsg out;
        try {
            mti = in.getMTI();
            journal.record("in", in, Map.of());
            Optional<HostFaults.Applied> refused = faults.refusal(in.getString(41));
            String malformed = HostRequestCheck.problem(in);
            if (malformed != null) {
                out = dialect.answerUnread(in, Outcome.FORMAT_ERROR);
                config.events().record("host", "format-error", Map.of("mti", String.valueOf(mti), "why", malformed));
            } else if (refused.isPresent()) {
                out = dialect.answerRefused(in, refused.get().profile().responseCode());
                config.events().record("fault", "host-request-refused", Map.of("fault",
                        refused.get().profile().name(), "mti", mti, "tid", String.valueOf(in.getString(41)),
                        "responseCode", refused.get().profile().responseCode()));
            } else {
                out = dialect.answer(in, acquirer.answer(dialect.read(in)));
            }
        } catch (Exception e) {
            config.events().record("host", "error", Map.of("mti", mti, "error", String.valueOf(e)));
            try {
                out = dialect.answerUnread(in, Outcome.BANK_ERROR);
            } catch (ISOException e2) {
                return;
            }
        }
        try {
            String originalStan = out.getMTI().startsWith("041") ? IsoDialect.originalStan(in) : null;
            // a 0400 without DE11/DE90 still gets its answer
            Map<String, String> extra = originalStan == null ? Map.of() : Map.of("originalStan", originalStan);
            journal.record("out", out, extra); // journal first: whoever reads the reply may query the journal at once
            source.send(out);
        } catch (Exception e) {
            config.events().record("host", "send-failed", Map.of("mti", mti, "error", String.valueOf(e),
                    "hint", "the terminal closed the connection before the host answered"));
        }
    }
}
