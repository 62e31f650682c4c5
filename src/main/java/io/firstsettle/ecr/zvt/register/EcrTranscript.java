package io.firstsettle.ecr.zvt.register;

import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import java.util.List;
import java.util.Optional;

/**
 * Everything the cash register saw during one command sequence, from its command to the terminal's closing
 * 06 0F / 06 1E (or the timer that ran out).
 *
 * @param command      the command's name
 * @param finished     the sequence closed with 06 0F or 06 1E
 * @param success      it closed with 06 0F and the last 04 0F (if any) carried result 00
 * @param resultCode   the result code (04 0F BMP 27, 06 1E, or the 84 xx of a refused command); null when none
 * @param status       the last Status-Information (04 0F), if any
 * @param completion   the closing Completion (06 0F), if the sequence ended with one
 * @param printLines   receipt text the terminal sent as print lines
 * @param intermediate intermediate status codes (04 FF) in order
 * @param problem      why the sequence did not finish, in words; null when it finished
 */
public record EcrTranscript(String command, boolean finished, boolean success, Integer resultCode,
                            StatusInformation status, Completion completion, List<String> printLines,
                            List<Integer> intermediate, String problem) {
    public EcrTranscript {
        printLines = List.copyOf(printLines);
        intermediate = List.copyOf(intermediate);
    }

    public Optional<StatusInformation> statusInformation() {
        return Optional.ofNullable(status);
    }
}
