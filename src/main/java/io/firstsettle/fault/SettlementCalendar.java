package io.firstsettle.fault;

import java.time.DayOfWeek;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonValue;

/** When a sale's money reaches the merchant: T+1 counts business days (Mon-Fri), D+1 counts calendar days. */
public enum SettlementCalendar {
    T1("T1", "next business day: a Friday sale is credited on Monday"),
    D1("D1", "next calendar day: a Friday sale is credited on Saturday");

    private final String wire;
    private final String meaning;

    SettlementCalendar(String wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    /** The value date of a sale made on {@code saleDate}. */
    public LocalDate valueDate(LocalDate saleDate) {
        LocalDate d = saleDate.plusDays(1);
        if (this == T1) {
            while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                d = d.plusDays(1);
            }
        }
        return d;
    }
}
