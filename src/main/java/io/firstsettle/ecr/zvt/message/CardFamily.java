package io.firstsettle.ecr.zvt.message;

/** Card families of the end-of-day totals in BMP 60, in wire order ([ZVT-SPEC] §3.1.3 p.121). */
public enum CardFamily { GIROCARD, JCB, EUROCARD, AMEX, VISA, DINERS, REMAINING }
