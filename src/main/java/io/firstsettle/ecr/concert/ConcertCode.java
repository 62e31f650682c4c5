package io.firstsettle.ecr.concert;

import java.util.Optional;

/** A one-character Concert field with a fixed set of values (§B): its wire character and the one lookup by it. */
interface ConcertCode {
    char wire();

    /** The constant of {@code values} with this wire character. */
    static <E extends Enum<E> & ConcertCode> Optional<E> lookup(E[] values, char c) {
        for (E e : values) {
            if (e.wire() == c) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
