package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.TlvCodec;
import io.firstsettle.ecr.zvt.codec.TlvObject;
import io.firstsettle.ecr.zvt.codec.TlvTag;
import io.firstsettle.ecr.zvt.codec.ZvtCode;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.core.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One rendering of every ZVT message for people ({@code firstsettle decode zvt}, trace reports): every code in hex
 * with its meaning in English and Chinese, every password masked ({@code ******}), card data masked, TLV objects by
 * tag and name. Pure; the lines carry no indentation of their own except for nesting.
 */
public final class ZvtRenderer {
    static final String PASSWORD = "password ******";

    private ZvtRenderer() {
    }

    /**
     * The lines describing one APDU's data (the header line with the command name is the caller's).
     *
     * @throws ZvtFormatException if the data does not follow the spec
     */
    public static List<String> render(Apdu apdu) {
        List<String> out = new ArrayList<>();
        ZvtMessage m = ZvtMessages.decode(apdu);
        if (m instanceof Registration r) {
            out.add(PASSWORD);
            out.add("config byte " + Hex.format(r.configByte()) + " " + configMeaning(r.configByte()));
            if (r.currencyCode() != null) {
                out.add("currency code " + String.format("%04d", r.currencyCode()));
            }
            if (r.serviceByte() != null) {
                out.add("service byte " + Hex.format(r.serviceByte()));
            }
            container(r.tlv(), out);
        } else if (m instanceof StatusEnquiry q) {
            if (q.password6() != null) {
                out.add(PASSWORD);
            }
            if (q.serviceByte() != null) {
                out.add("service byte " + Hex.format(q.serviceByte()));
            }
            container(q.tlv(), out);
        } else if (m instanceof EndOfDay e) {
            out.add(PASSWORD);
            container(e.tlv(), out);
        } else if (m instanceof Initialisation || m instanceof SendTurnoverTotals) {
            out.add(PASSWORD);
        } else if (m instanceof RepeatReceipt r) {
            out.add(PASSWORD);
            container(r.tlv(), out);
        } else if (m instanceof Reversal r) {
            out.add(PASSWORD);
            fields(r.fields(), out);
        } else if (m instanceof Refund r) {
            out.add(PASSWORD);
            fields(r.fields(), out);
        } else if (m instanceof Completion c) {
            completion(c, out);
        } else if (m instanceof AbortFromPt a) {
            out.add("result " + Hex.format(a.resultCode()) + " " + ResultCode.meaning(a.resultCode()));
            if (a.currencyCode() != null) {
                out.add("currency code of the PT " + String.format("%04d", a.currencyCode()));
            }
            container(a.tlv(), out);
        } else if (m instanceof IntermediateStatus s) {
            out.add("status " + Hex.format(s.status()) + " " + s.meaning());
            if (s.newT4Minutes() != null) {
                out.add("new T4 " + s.newT4Minutes() + " min / 新的 T4 " + s.newT4Minutes() + " 分钟");
            }
            container(s.tlv(), out);
        } else if (m instanceof Diagnosis d) {
            container(d.tlv(), out);
        } else if (m instanceof AbortFromEcr a) {
            fields(a.fields(), out);
        } else if (m instanceof PrintLine p) {
            out.add("attribute " + Hex.format(p.attribute()) + " text \"" + p.text() + "\"");
        } else if (m instanceof PrintTextBlock b) {
            container(b.tlv(), out);
            TextBlockReceipt r = TextBlockReceipt.of(b, PrintLine.CP437);
            for (String l : r.lines()) {
                out.add("| " + l);
            }
            out.add(r.endOfReceipt() ? "(end of receipt, tag 09)" : "(receipt continues in the next text block)");
        } else if (m instanceof Acknowledgement a) {
            out.add(a.isPositive() ? "positive" : "result " + Hex.format(a.aprc()) + " " + ResultCode.meaning(a.aprc()));
        } else if (m instanceof Authorization || m instanceof StatusInformation || m instanceof DisplayText) {
            fields(BmpCodec.decode(apdu.encode(), apdu.headerLength(), false), out);
        } else if (m instanceof Unknown) {
            unknown(apdu, out);
        }
        return out;
    }

    private static void completion(Completion c, List<String> out) {
        if (c.softwareVersion() != null) {
            out.add("SW version \"" + c.softwareVersion() + "\"");
        }
        if (c.terminalStatus() != null) {
            out.add("terminal status " + Hex.format(c.terminalStatus()) + " " + c.terminalStatusCode()
                    .map(ZvtCode::bilingual).orElse(String.format("not listed in [ZVT-SPEC] ch.11 / 未列出的终端状态 %02X",
                            c.terminalStatus())));
        }
        fields(c.fields(), out);
    }

    private static void unknown(Apdu apdu, List<String> out) {
        byte[] d = apdu.data();
        if (apdu.cls() == 0x84) {
            out.add("result " + Hex.format(apdu.instr()) + " " + ResultCode.meaning(apdu.instr()));
        }
        if (d.length > 0) {
            out.add("data (not modelled) " + ZvtTraceDecoder.maskedHex(d));
        }
    }

    private static void fields(List<BmpField> fields, List<String> out) {
        for (BmpField f : fields) {
            if (f.tag() == 0x06) {
                container(f, out);
            } else if (f.tag() == 0x27) {
                int rc = f.value()[0] & 0xFF;
                out.add("BMP 27 result code = " + Hex.format(rc) + " " + ResultCode.meaning(rc));
            } else {
                out.add(f.toString());
            }
        }
    }

    /** BMP 06 and its objects, one line each, nested objects indented. */
    private static void container(BmpField tlv, List<String> out) {
        if (tlv == null) {
            return;
        }
        List<TlvObject> objects = TlvCodec.decodeContainer(tlv);
        out.add("BMP 06 TLV container, " + objects.size() + (objects.size() == 1 ? " object" : " objects")
                + (objects.isEmpty() ? " (empty: activates TLV / 空容器：启用 TLV)" : ""));
        objects(objects, "  ", out);
    }

    private static void objects(List<TlvObject> objects, String indent, List<String> out) {
        for (TlvObject o : objects) {
            String name = TlvTag.of(o.tag()).map(t -> " " + t.english() + " / " + t.chinese()).orElse(" (unknown tag)");
            if (o.constructed()) {
                List<TlvObject> children;
                try {
                    children = o.children();
                } catch (ZvtFormatException notNested) {
                    out.add(indent + "TLV " + o.tagHex() + name + " = " + ZvtTraceDecoder.maskedHex(o.value()));
                    continue;
                }
                out.add(indent + "TLV " + o.tagHex() + name + ", " + children.size() + " objects");
                objects(children, indent + "  ", out);
            } else {
                out.add(indent + "TLV " + o.tagHex() + name + " = " + value(o));
            }
        }
    }

    private static String value(TlvObject o) {
        byte[] v = o.value();
        if (v.length == 0) {
            return "(empty)";
        }
        String hex = ZvtTraceDecoder.maskedHex(v);
        if (o.tag() == TlvTag.TEXT_LINE.tag() || o.tag() == TlvTag.EXTENDED_ERROR_TEXT.tag()
                || o.tag() == TlvTag.LANGUAGE.tag()) {
            return "\"" + new String(v, StandardCharsets.ISO_8859_1).replace("\0", "\\0") + "\"";
        }
        if (o.tag() == TlvTag.ZVT_COMMAND.tag() && v.length == 2) {
            return hex + " (" + ZvtCommand.nameOf(v[0] & 0xFF, v[1] & 0xFF) + ")";
        }
        return hex;
    }

    /** The config byte's bits ([ZVT-SPEC] Table 1, protocols.md A.9). */
    static String configMeaning(int cfg) {
        List<String> en = new ArrayList<>();
        if ((cfg & 0x02) != 0) {
            en.add("ECR prints payment receipts / 收银机打印支付单据");
        }
        if ((cfg & 0x04) != 0) {
            en.add("ECR prints administration receipts / 收银机打印管理单据");
        }
        if ((cfg & 0x08) != 0) {
            en.add("intermediate status wanted / 需要中间状态");
        }
        if ((cfg & 0x10) != 0) {
            en.add("ECR controls payment / 收银机控制支付");
        }
        if ((cfg & 0x20) != 0) {
            en.add("ECR controls administration / 收银机控制管理功能");
        }
        if ((cfg & 0x80) != 0) {
            en.add("print lines from the PT / 终端发送打印行");
        }
        return "(" + (en.isEmpty() ? "no bits set / 未设置" : String.join("; ", en)) + ")";
    }
}
