package io.firstsettle.steps;

import io.firstsettle.core.event.Generic;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.Fixtures;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.core.LabClock;
import io.firstsettle.lab.LabFault;
import io.firstsettle.lab.Rig;
import io.firstsettle.lab.Unreachable;
import io.firstsettle.oracle.VerdictKind;
import java.util.Optional;
import io.firstsettle.oracle.FirstTransactionViews;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.ViewCollector;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Outcome;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import io.firstsettle.emulator.Defect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The one world object of a scenario (constructor-injected by PicoContainer into every step class): its rig, what
 * the register saw, and the verdict. No static state: parallel scenarios each get their own.
 */
public final class ScenarioWorld {
    private Rig rig;
    private String scenarioId = "scenario";
    private CardProfile card;
    private Outcome registration;
    private Outcome firstSale;
    private long firstSaleAmountMinor;
    private Outcome endOfDay;
    private Verdict verdict;
    private LabFault labFault;
    private final List<FirstTransactionViews.Credit> pendingSeen = new ArrayList<>();
    private Set<String> tags = Set.of();
    private String skipped;

    /** Where reports go: -Dfirstsettle.reports, else target/firstsettle. */
    public static Path reportsRoot() {
        return Path.of(io.firstsettle.core.RunSettings.get("firstsettle.reports", "target/firstsettle")).toAbsolutePath();
    }

    private ZonedDateTime labStart;

    /** Time scale of emulated rigs: -Dfirstsettle.scale, else 0.05 (a 30 s host timeout takes 1.5 s). */
    public static double scale() {
        return Double.parseDouble(io.firstsettle.core.RunSettings.get("firstsettle.scale", "0.05"));
    }

    /** The scenario's lab clock: from the lab date a scenario set, else from now. */
    public LabClock newClock() {
        return labStart == null ? LabClock.scaled(scale())
                : LabClock.scaled(scale(), labStart.toInstant(), labStart.getZone());
    }

    void labStart(ZonedDateTime start) {
        if (rig != null) {
            throw new IllegalStateException("set the lab date before the terminal is set up");
        }
        this.labStart = start;
    }

    /** Defects the emulated terminal reproduces in this run: -Dfirstsettle.defects=NAME,NAME (detection runs). */
    public static Set<Defect> defects() {
        String names = io.firstsettle.core.RunSettings.get("firstsettle.defects", "");
        Set<Defect> out = EnumSet.noneOf(Defect.class);
        for (String n : names.split(",")) {
            if (!n.isBlank()) {
                out.add(Defect.parse(n.trim()));
            }
        }
        return out;
    }

    public static Path fixtures() {
        return Fixtures.root();
    }

    void scenarioId(String id) {
        this.scenarioId = id;
    }

    public String scenarioId() {
        return scenarioId;
    }

    public Path evidenceDir() {
        return reportsRoot().resolve("evidence").resolve(scenarioId);
    }

    public Rig rig() {
        if (rig == null) {
            throw new LabFault("no rig: the scenario must start with a terminal (Given a factory-new emulated terminal)");
        }
        return rig;
    }

    void rig(Rig rig) {
        this.rig = rig;
    }

    void tags(java.util.Collection<String> scenarioTags) {
        this.tags = Set.copyOf(scenarioTags);
    }

    /** Why the scenario was skipped (a need its terminal lacks), null when it ran. */
    public String skipped() {
        return skipped;
    }

    /**
     * Skips the scenario (reported SKIPPED with the reason) when one of its {@code @needs-...} tags names a capability
     * the terminal under test lacks: a Concert terminal has no log-on, end-of-day or status request, for instance.
     */
    void skipUnlessCapable() {
        for (String tag : new java.util.TreeSet<>(tags)) { // sorted: the same reason on every run
            java.util.Optional<Capability> need = Capability.ofTag(tag);
            if (need.isPresent() && !rig().terminal().supports(need.get())) {
                NotSupported why = new NotSupported(need.get(), rig().terminal().describe(), "the scenario is tagged "
                        + tag);
                skipped(why);
                throw Skips.skip(why);
            }
        }
    }

    /** Records a skip's reason in the evidence and for the report. */
    void skipped(NotSupported why) {
        skipped = why.getMessage();
        if (rig != null) {
            rig.evidence().record("lab", new Generic("scenario-skipped", Map.of("reason", skipped,
                    "capability", why.capability().name(), "by", why.by())));
        }
    }

    boolean hasRig() {
        return rig != null;
    }

    public CardProfile card() {
        return card;
    }

    void card(CardProfile card) {
        this.card = card;
    }

    public Outcome registration() {
        return registration;
    }

    void registration(Outcome t) {
        this.registration = t;
    }

    public Outcome firstSale() {
        return firstSale;
    }

    public long firstSaleAmountMinor() {
        return firstSaleAmountMinor;
    }

    void firstSale(Outcome t, long amountMinor) {
        if (this.firstSale == null) {
            this.firstSale = t;
            this.firstSaleAmountMinor = amountMinor;
        }
    }

    /** The cashier takes the first payment again (after a failed attempt): that is the sale the merchant means. */
    void firstSaleRetaken(Outcome t, long amountMinor) {
        this.firstSale = t;
        this.firstSaleAmountMinor = amountMinor;
    }

    public Outcome endOfDay() {
        return endOfDay;
    }

    void endOfDay(Outcome t) {
        this.endOfDay = t;
    }

    /** PENDING statement lines the merchant saw for the first sale, in order. */
    public List<FirstTransactionViews.Credit> pendingSeen() {
        return List.copyOf(pendingSeen);
    }

    void sawPending(List<FirstTransactionViews.Credit> pending) {
        pendingSeen.addAll(pending);
    }

    /** The lab failure that stopped this scenario, if any: reported as LAB_FAULT, never as a product result. */
    public LabFault labFault() {
        return labFault;
    }

    void labFault(LabFault fault) {
        this.labFault = fault;
    }

    /**
     * When nothing ever reached the terminal ({@link Unreachable}): records LAB_FAULT as the verdict and throws it,
     * so the scenario stops with the port named instead of a verdict against the terminal.
     */
    void failIfUnreachable() {
        Optional<LabFault> dead = Unreachable.in(rig().evidence().log().events());
        if (dead.isPresent()) {
            throw stopAsLabFault(dead.get());
        }
    }

    /**
     * The lab, not the terminal, spoiled this scenario: records LAB_FAULT as the verdict, with why, and returns the
     * fault for the step to throw (the scenario stops there).
     */
    LabFault stopAsLabFault(LabFault fault) {
        labFault = fault;
        rig().evidence().record("oracle", new VerdictRecorded(VerdictKind.LAB_FAULT.name(), fault.getMessage(),
                List.of()));
        return fault;
    }

    public Verdict verdict() {
        return verdict;
    }

    void verdict(Verdict v) {
        this.verdict = v;
    }

    /**
     * The oracle's verdict on the first sale, judged once from the four views as they are now and recorded in the
     * evidence. Later steps (and the report) see the same verdict.
     */
    Verdict judgeOnce() {
        if (verdict == null && firstSale != null) {
            Verdict v = ViewCollector.judge(rig(), firstSale, endOfDay, firstSaleAmountMinor, pendingSeen);
            verdict = v;
            rig().evidence().record("oracle", new VerdictRecorded(v.kind().name(), v.summary(), v.because()));
        }
        return verdict;
    }
}
