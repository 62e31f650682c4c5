package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

class HostFixturesTest {
    @TempDir
    Path tmp;

    @Test
    void binaryFieldTablePacksTheProfile() throws Exception {
        ISOPackager p = IsoPackagers.load(Path.of("fixtures/iso8583/iso87binary.xml"));
        ISOMsg m = IsoTestClient.sale("000002", 1234);
        m.setPackager(p);
        byte[] packed = m.pack();
        // MTI 0200 in BCD, then an 8-byte primary bitmap
        assertEquals("0200", ISOUtil.hexString(packed, 0, 2));
        ISOMsg back = new ISOMsg();
        back.setPackager(p);
        back.unpack(packed);
        for (int f : new int[] {2, 3, 4, 11, 12, 13, 14, 22, 25, 41, 42, 49}) {
            assertEquals(m.getString(f), back.getString(f), "field " + f);
        }
        ISOMsg r = IsoTestClient.reconcile("000003", "000001", 1, 1234);
        r.set(62, new byte[16]);
        r.set(66, "1");
        r.set(90, "0200000002" + "0".repeat(32));
        r.setPackager(p);
        ISOMsg rb = new ISOMsg();
        rb.setPackager(p);
        rb.unpack(r.pack());
        assertEquals("000001", rb.getString(60));
        assertEquals("0000001234".length() + 6, rb.getString(88).length());
        assertArrayEquals(new byte[16], rb.getBytes(62));
        assertEquals(r.getString(90), rb.getString(90));
    }

    @Test
    void asciiFieldTableLoadsAndRoundTrips() throws Exception {
        ISOPackager p = IsoPackagers.load(Path.of("fixtures/iso8583/iso87ascii.xml"));
        ISOMsg m = IsoTestClient.sale("000002", 1234);
        m.setPackager(p);
        byte[] packed = m.pack();
        assertEquals("0200", new String(packed, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ISOMsg back = new ISOMsg();
        back.setPackager(p);
        back.unpack(packed);
        assertEquals(m.getString(2), back.getString(2));
        assertEquals(m.getString(4), back.getString(4));
    }

    @Test
    void missingPackagerFileIsNamed() {
        Path missing = tmp.resolve("nope.xml");
        IsoPackagers.PackagerException e = assertThrows(IsoPackagers.PackagerException.class,
                () -> IsoPackagers.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void brokenPackagerFileIsNamed() throws Exception {
        Path bad = tmp.resolve("bad.xml");
        Files.writeString(bad, "<?xml version=\"1.0\"?>\n<!DOCTYPE isopackager SYSTEM \"genericpackager.dtd\">\n"
                + "<isopackager><isofield id=\"0\" length=\"4\" name=\"MTI\" class=\"org.jpos.iso.NO_SUCH\"/></isopackager>\n");
        IsoPackagers.PackagerException e = assertThrows(IsoPackagers.PackagerException.class,
                () -> IsoPackagers.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void hostStartFailsClearlyWithoutItsPackager() {
        Path missing = tmp.resolve("iso87binary.xml");
        HostConfig c = HostConfig.defaults(URI.create("http://127.0.0.1:9/"), LabClock.scaled(0.01), EventSink.NONE)
                .withPackagerXml(missing);
        IsoPackagers.PackagerException e = assertThrows(IsoPackagers.PackagerException.class,
                () -> AcquirerHost.start(c));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void defaultResponseCodesLoad() {
        ResponseCodes codes = ResponseCodes.load(HostConfig.DEFAULT_RESPONSE_CODES);
        assertEquals("00", codes.de39(Outcome.APPROVED));
        assertEquals("91", codes.de39(Outcome.BANK_UNAVAILABLE));
        assertEquals("96", codes.de39(Outcome.BANK_ERROR));
        assertEquals("94", codes.de39(Outcome.DUPLICATE));
        assertEquals("95", codes.de39(Outcome.RECONCILE_ERROR));
        assertEquals("A8", codes.de39(Outcome.NOT_SIGNED_ON));
        assertEquals("68", codes.de39(Outcome.LATE));
        assertEquals("终端未签到", codes.of(Outcome.NOT_SIGNED_ON).zh());
    }

    @Test
    void brokenResponseCodesNameFileAndField() throws Exception {
        String good = Files.readString(HostConfig.DEFAULT_RESPONSE_CODES);
        Path bad = tmp.resolve("response-codes.yaml");
        Files.writeString(bad, good.replace("code: \"68\"", "code: \"6\""));
        ResponseCodes.ResponseCodesException e = assertThrows(ResponseCodes.ResponseCodesException.class,
                () -> ResponseCodes.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("outcomes.late.code"), e.getMessage());

        Files.writeString(bad, good.replaceAll("(?m)^\\s*duplicate:.*$", ""));
        e = assertThrows(ResponseCodes.ResponseCodesException.class, () -> ResponseCodes.load(bad));
        assertTrue(e.getMessage().contains("outcomes.duplicate"), e.getMessage());

        Files.writeString(bad, "outcomes: [unclosed");
        e = assertThrows(ResponseCodes.ResponseCodesException.class, () -> ResponseCodes.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());

        HostConfig c = HostConfig.defaults(URI.create("http://127.0.0.1:9/"), LabClock.scaled(0.01), EventSink.NONE)
                .withResponseCodesYaml(bad);
        assertThrows(ResponseCodes.ResponseCodesException.class, () -> AcquirerHost.start(c));
    }
}
