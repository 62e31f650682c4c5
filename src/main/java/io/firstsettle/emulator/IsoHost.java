package io.firstsettle.emulator;

import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * The terminal's ISO 8583 side as the payment engine sees it: one method per message it sends
 * ({@link IsoRequests} builds it, {@link IsoTerminalClient} carries it), each returning a {@link HostAnswer}, so the
 * engine holds no jPOS type.
 */
final class IsoHost {
    private final IsoTerminalClient client;
    private final IsoRequests iso;
    private final TerminalProfile profile;

    IsoHost(IsoTerminalClient client, TerminalProfile profile) {
        this.client = client;
        this.iso = new IsoRequests(profile);
        this.profile = profile;
    }

    String address() {
        return client.address();
    }

    HostAnswer signOn(String stan) {
        return HostAnswer.of(client.exchange(iso.signOn(stan), profile.hostTimeout()));
    }

    HostAnswer sale(CardProfile card, long hostAmount, String stan, ZonedDateTime now, int currency, Duration wait) {
        return HostAnswer.of(client.exchange(iso.sale(card, hostAmount, stan, now, currency), wait));
    }

    HostAnswer reversal(TerminalState.PendingReversal r) {
        return HostAnswer.of(client.exchange(iso.reversal(r), profile.hostTimeout()));
    }

    HostAnswer reconcile(String stan, int batchNo, int count, long total) {
        return HostAnswer.of(client.exchange(iso.reconcile(stan, batchNo, count, total), profile.hostTimeout()));
    }

    HostAnswer batchUpload(String stan, int batchNo, TerminalState.BatchEntry e) {
        return HostAnswer.of(client.exchange(iso.batchUpload(stan, batchNo, e), profile.hostTimeout()));
    }
}
