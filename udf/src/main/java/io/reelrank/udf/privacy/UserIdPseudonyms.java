package io.reelrank.udf.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a user id by {@code u-} and the first 16 bytes of HMAC-SHA256(secret, id) in hex: the
 * same id always gets the same pseudonym, so outputs still join per user, but without the secret
 * nobody can test a guessed id against it. Rotating the secret unlinks old outputs from new ones.
 */
public final class UserIdPseudonyms implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int PSEUDONYM_BYTES = 16;
    /** Shortest secret accepted: HMAC-SHA256 keys shorter than its 32-byte output weaken it. */
    public static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;
    private transient ThreadLocal<Mac> macs;

    public UserIdPseudonyms(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the user-id pseudonymisation secret must be at least "
                    + MIN_SECRET_BYTES + " bytes (e.g. `openssl rand -hex 32`), got " + bytes.length);
        }
        this.secret = bytes;
    }

    public String pseudonym(String userId) {
        if (userId == null) {
            return null;
        }
        byte[] digest = mac().doFinal(userId.getBytes(StandardCharsets.UTF_8));
        return "u-" + HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    }

    private Mac mac() {
        if (macs == null) {
            macs = ThreadLocal.withInitial(this::newMac);
        }
        return macs.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, e);
        }
    }
}
