package io.firstsettle.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.firstsettle.core.CardData;

import java.nio.file.Path;

/**
 * A public test card (fixtures/cards/*.yaml). Test data only; the PAN never leaves this record unmasked except
 * towards the acquirer host, which masks it at the point of recording.
 */
public record CardProfile(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String pan,
        @JsonProperty(required = true) String expiry,
        @JsonProperty(required = true) String scheme,
        int zvtCardType,
        boolean pinRequired) {

    public CardProfile {
        if (pan == null || !pan.matches("[0-9]{13,19}")) {
            throw new IllegalArgumentException("pan must be 13-19 digits");
        }
        if (!CardData.luhn(pan)) {
            throw new IllegalArgumentException("pan " + CardData.mask(pan) + " fails the Luhn check: use a public test PAN");
        }
        if (expiry == null || !expiry.matches("[0-9]{2}(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("expiry must be YYMM, not '" + expiry + "'");
        }
    }

    public static CardProfile named(String name) {
        return Fixtures.load(Fixtures.root().resolve("cards").resolve(name + ".yaml"), CardProfile.class);
    }

    public static CardProfile load(Path file) {
        return Fixtures.load(file, CardProfile.class);
    }

    public String maskedPan() {
        return CardData.mask(pan);
    }

    @Override
    public String toString() {
        return "CardProfile[" + name + ", " + maskedPan() + ", " + scheme + "]";
    }
}
