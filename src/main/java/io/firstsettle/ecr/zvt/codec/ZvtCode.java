package io.firstsettle.ecr.zvt.codec;

import java.util.Optional;

/** A ZVT code byte with its meaning in English and Chinese: result, intermediate status and terminal status codes. */
public interface ZvtCode {
    int code();

    String english();

    String chinese();

    /** "open end-of-day batch present / 存在未结算的日结批次". */
    default String bilingual() {
        return english() + " / " + chinese();
    }

    /** The constant of {@code values} with this wire value. */
    static <E extends Enum<E> & ZvtCode> Optional<E> lookup(E[] values, int code) {
        for (E e : values) {
            if (e.code() == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
