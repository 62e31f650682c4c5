package io.firstsettle.steps;

import io.cucumber.java.ParameterType;
import io.firstsettle.oracle.Cause;

import java.time.DayOfWeek;
import io.firstsettle.oracle.VerdictKind;

/** Domain words in scenarios: amounts and verdicts. */
public final class ParameterTypes {
    @ParameterType("[0-9]+(?:\\.[0-9]{1,2})?")
    public String amount(String text) {
        return text;
    }

    @ParameterType("SETTLED_LATE|SETTLED|DECLINED_REPORTED|REVERSED|LOST|DUPLICATED|MISREPORTED|LAB_FAULT")
    public VerdictKind verdict(String text) {
        return VerdictKind.valueOf(text);
    }

    @ParameterType("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
    public DayOfWeek dayOfWeek(String text) {
        return DayOfWeek.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    @ParameterType("PROVIDER_SYSTEM|NETWORK|BANK|OPERATOR_ERROR|TERMINAL_DEFECT|NONE|LAB")
    public Cause cause(String text) {
        return Cause.valueOf(text);
    }
}
