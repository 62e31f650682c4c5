package io.firstsettle.emulator;

import io.firstsettle.core.EventSink;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * End-of-day against the host: 0500 with the open batch's count and total; on DE39 95 the batch is uploaded (0320 per
 * sale) and the 0500 sent again; refused or unreachable, the batch stays open.
 */
final class Settlement {
    private final TerminalState state;
    private final DefectPolicy policy;
    private final IsoHost host;
    private final EventSink events;
    private final Supplier<String> stans;

    Settlement(TerminalState state, DefectPolicy policy, IsoHost host, EventSink events, Supplier<String> stans) {
        this.state = state;
        this.policy = policy;
        this.host = host;
        this.events = events;
        this.stans = stans;
    }

    /** Settles the open batch; the terminal is signed on and holds no pending reversal. */
    DayEnd run(PaymentProgress progress) {
        TerminalState.Image img = state.image();
        List<TerminalState.BatchEntry> entries = policy.settled(img.openBatch());
        if (entries.size() < img.openBatch().size()) {
            events.record("terminal", "settlement-omits-first", Map.of("defect", Defect.SETTLEMENT_OMITS_FIRST.name(),
                    "omittedStan", img.openBatch().get(0).stan()));
        }
        long total = entries.stream().mapToLong(TerminalState.BatchEntry::amountMinor).sum();
        int count = entries.size();
        progress.stage(PaymentProgress.Stage.HOST);
        HostAnswer ex = host.reconcile(stans.get(), img.batchNo(), count, total);
        String de39 = ex.de39();
        if ("95".equals(de39)) {
            events.record("terminal", "reconcile-error", Map.of("count", count, "total", total,
                    "then", "batch upload (0320)"));
            if (upload(img)) {
                ex = host.reconcile(stans.get(), img.batchNo(), count, total);
                de39 = ex.de39();
            }
        }
        if ("00".equals(de39) || policy.hidesSettlementFailure()) {
            if (!"00".equals(de39)) {
                events.record("terminal", "settlement-failure-hidden", Map.of("defect",
                        Defect.OPEN_BATCH_SILENT.name(), "de39", String.valueOf(de39)));
            }
            state.closeBatch();
            events.record("terminal", "batch-closed", Map.of("batch", img.batchNo(), "count", count, "total", total));
            return new DayEnd(DayEnd.Kind.CLOSED, img.batchNo(), List.copyOf(entries), total, null);
        }
        String why = de39 == null ? String.valueOf(ex.failure()) : "0510 DE39 " + de39 + " " + DeclineReason.of(de39);
        events.record("terminal", "batch-still-open", Map.of("count", count, "total", total, "why", why));
        return new DayEnd(DayEnd.Kind.STILL_OPEN, img.batchNo(), List.copyOf(entries), total, why);
    }

    /** 0320 per sale of the open batch; false when the host refuses one (the host may not support uploads). */
    private boolean upload(TerminalState.Image img) {
        for (TerminalState.BatchEntry e : img.openBatch()) {
            HostAnswer ex = host.batchUpload(stans.get(), img.batchNo(), e);
            String de39 = ex.de39();
            if (!"00".equals(de39)) {
                events.record("terminal", "batch-upload-refused", Map.of("stan", e.stan(), "why", de39 == null
                        ? String.valueOf(ex.failure()) : "0330 DE39 " + de39 + " " + DeclineReason.of(de39)));
                return false;
            }
        }
        events.record("terminal", "batch-uploaded", Map.of("count", img.openBatch().size()));
        return true;
    }
}
