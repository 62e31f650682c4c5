package io.firstsettle.host;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.packager.GenericPackager;

/**
 * Loads a jPOS {@link GenericPackager} field table from a file (for example {@code fixtures/iso8583/iso87binary.xml}).
 *
 * <p>The XML names its DTD as {@code <!DOCTYPE isopackager SYSTEM "genericpackager.dtd">}. jPOS 2.1.10's entity
 * resolver takes a {@code file:} DTD next to the XML when it exists and otherwise falls back to the copy inside the jPOS
 * jar ({@code org/jpos/iso/packager/genericpackager.dtd}), so loading works offline. A {@code http://jpos.org/dtd/...}
 * system id is also mapped to the jar copy.
 */
public final class IsoPackagers {
    private IsoPackagers() {
    }

    /** Thrown when a field table cannot be used; the message names the file and what to fix. */
    public static final class PackagerException extends RuntimeException {
        public PackagerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static ISOPackager load(Path xml) {
        Path abs = xml.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new PackagerException("ISO 8583 field table " + abs + " does not exist: pass the path of a jPOS "
                    + "GenericPackager XML such as fixtures/iso8583/iso87binary.xml (run from the project root)", null);
        }
        if (!Files.isReadable(abs) || Files.isDirectory(abs)) {
            throw new PackagerException("ISO 8583 field table " + abs + " is not a readable file: check its permissions", null);
        }
        GenericPackager packager;
        try {
            packager = new GenericPackager(abs.toString());
        } catch (ISOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new PackagerException("ISO 8583 field table " + abs + " cannot be loaded: " + root.getMessage()
                    + " — fix the XML (each <isofield> needs id, length, name and a class such as "
                    + "org.jpos.iso.IFB_NUMERIC, and the file needs <!DOCTYPE isopackager SYSTEM \"genericpackager.dtd\">)", e);
        }
        if (packager.getFieldPackager(0) == null || packager.getFieldPackager(1) == null) {
            throw new PackagerException("ISO 8583 field table " + abs + " defines no field 0 (MTI) or no field 1 (bitmap): "
                    + "add <isofield id=\"0\" .../> and <isofield id=\"1\" .../>", null);
        }
        return packager;
    }
}
