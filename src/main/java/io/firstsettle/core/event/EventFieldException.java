package io.firstsettle.core.event;

/** A recorded event whose fields do not fit its kind: the message names the field and what is wrong with it. */
public final class EventFieldException extends IllegalArgumentException {
    public EventFieldException(String message) {
        super(message);
    }
}
