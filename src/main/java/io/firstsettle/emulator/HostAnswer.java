package io.firstsettle.emulator;

/**
 * What the payment engine reads of one ISO 8583 exchange with its host, without jPOS types: the answer's response code
 * and the few fields the terminal keeps, or why there is no answer.
 *
 * @param de39     the response code, null when there is no answer
 * @param failure  why there is no answer (null when there is one)
 * @param timedOut no answer within the wait (rather than no connection)
 */
public record HostAnswer(String de39, String rrn, String authCode, String batchNo, String failure, boolean timedOut) {

    static HostAnswer of(IsoTerminalClient.Exchange ex) {
        return ex.response().map(r -> new HostAnswer(r.getString(39), r.getString(37), r.getString(38),
                r.getString(60), null, false)).orElseGet(() -> new HostAnswer(null, null, null, null, ex.failure(),
                ex.timedOut()));
    }

    public boolean answered() {
        return failure == null;
    }

    /** Answered with DE39 00. */
    public boolean approved() {
        return "00".equals(de39);
    }

    /** For the evidence: "DE39 nn" or the failure. */
    public String describe() {
        return answered() ? "DE39 " + de39 : String.valueOf(failure);
    }
}
