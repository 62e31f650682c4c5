package io.firstsettle.emulator.zvt;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.message.ResultCode;

import java.util.Map;

/** Commands the PT refuses at once with 84 xx, before it takes them. */
final class ZvtRefusals {
    private ZvtRefusals() {
    }

    /** Refuses a command with 84 xx; true when refused. */
    static boolean refuse(ZvtPtLine line, boolean condition, ResultCode rc, String command, String why) {
        if (condition) {
            line.decide("command-refused", Map.of("command", command, "resultCode", String.format("%02X", rc.code()),
                    "why", why));
            line.send(Apdu.negativeAck(rc.code()));
        }
        return condition;
    }

    static boolean wrongPassword(ZvtPtLine line, String expected, String given, String command) {
        return refuse(line, !expected.equals(given), ResultCode.PROTOCOL_ERROR, command, "wrong password");
    }

    static boolean notRegistered(ZvtPtLine line, String command) {
        return refuse(line, line.configByte == null, ResultCode.FUNCTION_DEACTIVATED, command,
                "the register has not sent Registration 06 00 since the terminal started");
    }
}
