package io.firstsettle.cli;

import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import io.firstsettle.profile.TerminalProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --tags narrows what the terminal can run and never widens it; evaluated with Cucumber's own tag-expression parser. */
class TagFilterTest {
    @TempDir
    Path dir;

    @Test
    void userTagsAddToTheDefaultsOfEachKindOfTerminal() throws IOException {
        TerminalProfile emulated = TerminalProfile.named("emulated-zvt");
        TerminalProfile bench = physical("abortSupported: true\n");
        TerminalProfile powered = physical("abortSupported: true\npowerOff: \"true\"\npowerOn: \"true\"\n");
        TerminalProfile noAbort = physical("abortSupported: false\n");

        Expression cert = TagExpressionParser.parse(TagFilter.of(bench, "@cert"));
        assertFalse(cert.evaluate(List.of("@emulated", "@power", "@cert")), "--tags @cert must not bring power cuts to a bench");
        assertTrue(cert.evaluate(List.of("@cert")));
        assertFalse(cert.evaluate(List.of()), "--tags narrows");

        Expression benchAll = TagExpressionParser.parse(TagFilter.of(bench, null));
        assertTrue(benchAll.evaluate(List.of()) && benchAll.evaluate(List.of("@abort")) && benchAll.evaluate(List.of("@bench")));
        assertFalse(benchAll.evaluate(List.of("@emulated", "@selftest")));

        Expression withPower = TagExpressionParser.parse(TagFilter.of(powered, "@cert"));
        assertTrue(withPower.evaluate(List.of("@emulated", "@power", "@cert")), "power commands allow @power");
        assertFalse(withPower.evaluate(List.of("@emulated", "@selftest", "@cert")));

        assertFalse(TagExpressionParser.parse(TagFilter.of(noAbort, null)).evaluate(List.of("@abort")));

        Expression emu = TagExpressionParser.parse(TagFilter.of(emulated, "@cert"));
        assertTrue(emu.evaluate(List.of("@emulated", "@power", "@cert")));
        assertFalse(emu.evaluate(List.of("@bench", "@cert")), "--tags must not bring bench scenarios to an emulated run");
        assertFalse(emu.evaluate(List.of("@manual", "@cert")));
    }

    private TerminalProfile physical(String extra) throws IOException {
        Path f = Files.createTempFile(dir, "bench", ".yaml");
        Files.writeString(f, "name: b\nkind: physical\nport: /dev/ttyUSB0\nbaud: 9600\nstopBits: 2\npassword: \"000000\"\n"
                + "configByte: \"BA\"\ncurrency: 978\nterminalId: \"29110001\"\nmerchantId: \"FS0000000000001\"\n" + extra);
        return TerminalProfile.load(f);
    }
}
