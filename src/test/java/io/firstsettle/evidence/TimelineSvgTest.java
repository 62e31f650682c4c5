package io.firstsettle.evidence;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** timeline.svg drawn from a hand-written events.jsonl: what the link proxy did, set-up in grey, nothing clipped. */
class TimelineSvgTest {
    private static final String T = "\"labTime\":\"2026-01-01T10:00:0%dZ\"";

    private static EventLog log(String... events) {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            lines.add("{\"seq\":" + (i + 1) + "," + String.format(T, i) + "," + events[i] + "}");
        }
        return EventLog.parse(Path.of("events.jsonl"), lines);
    }

    private static final String STARTED = "\"source\":\"fault\",\"kind\":\"link-proxy-started\",\"port\":40001";
    private static final String REQUEST = "\"source\":\"host\",\"kind\":\"iso-in\",\"mti\":\"0200\",\"fields\":{\"11\":\"000002\"}";
    private static final String ANSWER = "\"source\":\"host\",\"kind\":\"iso-out\",\"mti\":\"0210\",\"fields\":{\"11\":\"000002\",\"39\":\"00\"}";

    @Test
    void anAnswerTheProxyDroppedIsDrawnDroppedAndTheSetUpIsGrey() {
        String svg = TimelineSvg.render(log(STARTED, REQUEST, ANSWER,
                "\"source\":\"fault\",\"kind\":\"link-fault-fired\",\"fault\":\"drop-after-response\",\"action\":\"drop\","
                        + "\"point\":\"response-received\",\"mti\":\"0210\",\"connection\":1",
                "\"source\":\"oracle\",\"kind\":\"verdict\",\"verdict\":\"LOST\",\"summary\":\"approved at the host, "
                        + "never credited and never reported by the terminal, which is the worst thing a terminal can do "
                        + "to a merchant on its first day, and this sentence is long on purpose to test wrapping\""),
                "dropped-answer");
        assertTrue(words(svg).contains("0210 STAN 000002 DE39 00 — dropped by the link proxy"), svg);
        assertTrue(svg.contains("stroke-dasharray=\"6 3\""), "the dropped answer is dashed");
        Matcher setUp = Pattern.compile("fill=\"(#[0-9a-f]{6})\">[^<]*set-up: link-proxy-started").matcher(svg);
        assertTrue(setUp.find(), svg);
        assertTrue(setUp.group(1).equals("#6b7280"), "the harness's own set-up is grey, not a fault: " + setUp.group(1));
        assertTrue(Pattern.compile("fill=\"#c0392b\">verdict LOST").matcher(svg).find(), "a defect verdict is red");
        assertTrue(svg.contains("legend") && svg.contains("harness set-up"), "a legend explains the colours");
        assertFalse(svg.contains("null"), svg);
        assertNothingClipped(svg);
    }

    @Test
    void anAnswerTheProxyHeldIsDrawnHeldAndACorrectVerdictIsGreen() {
        String svg = TimelineSvg.render(log(REQUEST, ANSWER,
                "\"source\":\"fault\",\"kind\":\"link-fault-fired\",\"delayLabMillis\":25000,\"action\":\"delay\","
                        + "\"point\":\"response-received\",\"mti\":\"0210\",\"connection\":1",
                "\"source\":\"oracle\",\"kind\":\"verdict\",\"verdict\":\"SETTLED\",\"summary\":\"settled\""), "held");
        assertTrue(words(svg).contains("0210 STAN 000002 DE39 00 — held 25000 ms (lab) by the link proxy"), svg);
        assertTrue(Pattern.compile("fill=\"#1e7b34\">verdict SETTLED").matcher(svg).find(), svg);
        assertNothingClipped(svg);
    }

    /** The picture's text, wrapped lines joined. */
    private static String words(String svg) {
        return svg.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    /** Every text line ends inside the picture (monospace, at most 7.3 px a character at 12 px). */
    private static void assertNothingClipped(String svg) {
        Matcher w = Pattern.compile("<svg [^>]*width=\"(\\d+)\"").matcher(svg);
        assertTrue(w.find());
        int width = Integer.parseInt(w.group(1));
        Matcher t = Pattern.compile("<text x=\"(\\d+)\"[^>]*>([^<]*)</text>").matcher(svg);
        int n = 0;
        while (t.find()) {
            n++;
            String text = t.group(2).replaceAll("&[#a-zA-Z0-9]+;", "x");
            double end = Integer.parseInt(t.group(1)) + text.length() * 7.3;
            assertTrue(end <= width, "'" + text + "' ends at " + end + " px, beyond the picture's " + width + " px");
        }
        assertTrue(n > 5);
    }
}
