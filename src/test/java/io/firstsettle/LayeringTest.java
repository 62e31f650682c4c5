package io.firstsettle;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of the code, checked on the compiled main classes with ArchUnit (design.md §4): dependencies point down;
 * what must never happen (steps, oracle, evidence and reports reaching into a protocol package; a third-party library
 * outside the package that owns it); and no class in src/main over 400 lines. {@code core} (lab clock, waits, the
 * event sink, card masking, hex) is the floor every layer may use.
 */
class LayeringTest {
    private static final List<String> TOP_DOWN = List.of("cli", "store", "steps", "oracle", "lab", "evidence", "terminal",
            "emulator", "profile", "host", "bank", "fault", "ecr", "port", "core");

    /** Classes allowed over 400 lines: none (issue 15 split the last ones: EmulatedTerminal, HostHandler, LinkFaultProxy). */
    private static final Set<String> OVER_400_TODAY = Set.of();
    private static final int MAX_LINES = 400;

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.firstsettle");

    @Test
    void theImportSeesTheMainClasses() {
        assertTrue(MAIN.size() > 300, "ArchUnit imported only " + MAIN.size() + " classes: is it looking at target/classes?");
        assertTrue(MAIN.contain(io.firstsettle.lab.Rig.class));
    }

    @Test
    void everyClassHasALayer() {
        classes().should().resideInAnyPackage(TOP_DOWN.stream().map(l -> "io.firstsettle." + l + "..")
                .toArray(String[]::new)).check(MAIN);
    }

    @Test
    void dependenciesPointDown() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers();
        for (String l : TOP_DOWN) {
            layers = layers.layer(l).definedBy("io.firstsettle." + l + "..");
        }
        for (int i = 0; i < TOP_DOWN.size(); i++) {
            String[] above = TOP_DOWN.subList(0, i).toArray(String[]::new);
            layers = i == 0 ? layers.whereLayer(TOP_DOWN.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(TOP_DOWN.get(i)).mayOnlyBeAccessedByLayers(above);
        }
        layers.check(MAIN);
    }

    /** Steps, the oracle, the evidence and the reports see the terminal layer's types, never a protocol's. */
    @Test
    void scenarioJudgementAndReportsNeverTouchAProtocol() {
        noClasses().that().resideInAnyPackage("io.firstsettle.steps..", "io.firstsettle.oracle..",
                        "io.firstsettle.evidence..")
                .or().haveFullyQualifiedName("io.firstsettle.cli.CertificationSummary")
                .or().haveFullyQualifiedName("io.firstsettle.cli.SummaryHtml")
                .or().haveFullyQualifiedName("io.firstsettle.cli.JoinedReport")
                .or().haveFullyQualifiedName("io.firstsettle.cli.EvidencePage")
                .or().haveFullyQualifiedName("io.firstsettle.cli.DetectionMatrix")
                .should().dependOnClassesThat().resideInAPackage("io.firstsettle.ecr..")
                .because("each ECR protocol is an adapter below io.firstsettle.terminal (issue 15)")
                .check(MAIN);
    }

    @Test
    void jsscOnlyInPort() {
        noClasses().that().resideOutsideOfPackage("io.firstsettle.port..")
                .should().dependOnClassesThat().resideInAPackage("jssc..")
                .because("serial ports are bytes only, behind port.BytePort").check(MAIN);
    }

    /**
     * jPOS only in the ISO code: the acquirer host's session and dialect classes and the emulator's ISO 8583 client
     * (IsoTerminalClient, IsoRequests, IsoHost, HostAnswer.of). The link-fault proxy frames through core.IsoFrameFormat without jPOS.
     */
    @Test
    void jposOnlyInTheIsoCode() {
        noClasses().that().resideOutsideOfPackage("io.firstsettle.host..")
                .and().haveNameNotMatching("io\\.firstsettle\\.emulator\\.(IsoTerminalClient|IsoRequests|IsoHost|HostAnswer)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.jpos..")
                .because("ISO 8583 is the host's dialect and the emulated terminal's client of it").check(MAIN);
    }

    /** The acquirer and the payment engine speak typed requests and answers: no ISOMsg in them (issue 15). */
    @Test
    void acquirerAndPaymentEngineHoldNoIsoMessage() {
        noClasses().that().haveNameMatching("io\\.firstsettle\\.host\\.(Acquirer|AcquirerBook|Settlement)(\\$.*)?")
                .or().haveNameMatching("io\\.firstsettle\\.emulator\\.(PaymentEngine|ReversalStore|Settlement|DefectPolicy|Receipts)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.jpos..")
                .because("the ISO 8583 dialect maps messages to typed requests; the acquirer and the engine never see ISOMsg")
                .check(MAIN);
    }

    @Test
    void wireMockOnlyInBank() {
        noClasses().that().resideOutsideOfPackage("io.firstsettle.bank..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst..", "org.wiremock..")
                .because("the bank fake is the one WireMock user").check(MAIN);
    }

    /** No class in src/main over 400 lines (lines of its source file), except the named ones being split today. */
    @Test
    void noClassOver400Lines() throws IOException {
        TreeMap<String, Integer> over = new TreeMap<>();
        int counted = 0;
        for (JavaClass c : MAIN) {
            if (!c.isTopLevelClass() || c.getSource().isEmpty() || c.getSource().get().getFileName().isEmpty()) {
                continue;
            }
            Path src = Path.of("src/main/java", c.getPackageName().replace('.', '/'),
                    c.getSource().get().getFileName().get());
            if (!Files.isRegularFile(src)) {
                continue;
            }
            counted++;
            int lines;
            try (Stream<String> s = Files.lines(src)) {
                lines = (int) s.count();
            }
            if (lines > MAX_LINES && !OVER_400_TODAY.contains(c.getName())) {
                over.put(src.toString(), lines);
            }
        }
        assertTrue(counted > 200, "only " + counted + " source files found next to the classes");
        assertEquals(new TreeMap<>(), over, "classes over " + MAX_LINES + " lines: split them by job (design.md §6)");
    }

    @Test
    void protocolLayersDoNoIo() throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("ecr/zvt/codec", "ecr/zvt/message")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/firstsettle", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f);
                    for (String banned : List.of("import java.io.InputStream", "import java.net.", "import jssc.",
                            "import io.firstsettle.port.", "Thread.sleep")) {
                        if (src.contains(banned)) {
                            found.add(f + " uses " + banned);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "codecs and messages are pure");
    }
}
