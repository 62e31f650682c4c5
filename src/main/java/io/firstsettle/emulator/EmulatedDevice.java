package io.firstsettle.emulator;

import io.firstsettle.profile.CardProfile;

import java.util.List;

/** An emulated terminal of any ECR protocol, as the lab holds it: a card to read, its own paper, its state. */
public interface EmulatedDevice extends AutoCloseable {
    /** The emulated cardholder presents this card at the next payment. */
    void presentCard(CardProfile card);

    /** Receipts the terminal printed on its own paper. */
    List<String> ownPaper();

    /** Its non-volatile state. */
    TerminalState state();

    @Override
    void close();
}
