package io.firstsettle.terminal;

/**
 * The terminal's answer to a status enquiry.
 *
 * @param outcome   how the enquiry itself went
 * @param openBatch the terminal says its batch must be closed (ZVT terminal status F0 "reconciliation required")
 * @param status    the status as the protocol names it, for the evidence
 */
public record TerminalStatus(Outcome outcome, boolean openBatch, String status) {
}
