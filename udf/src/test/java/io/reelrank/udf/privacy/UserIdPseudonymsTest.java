package io.reelrank.udf.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class UserIdPseudonymsTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void pseudonymIsTheTruncatedHmacSha256OfTheId() {
        // Expected values from Python's hmac.new(secret, id, sha256).hexdigest()[:32].
        UserIdPseudonyms pseudonyms = new UserIdPseudonyms(SECRET);
        assertThat(pseudonyms.pseudonym("u42")).isEqualTo("u-89ae11c3ae87ddd074a9423fc44dd5c1");
        assertThat(pseudonyms.pseudonym("ü\"x")).isEqualTo("u-9789dd7ff94180853e8a586fc46ab3c0");
        assertThat(pseudonyms.pseudonym(null)).isNull();
    }

    @Test
    void anotherSecretGivesUnrelatedPseudonyms() {
        assertThat(new UserIdPseudonyms(SECRET.replace('0', 'z')).pseudonym("u42"))
                .isNotEqualTo(new UserIdPseudonyms(SECRET).pseudonym("u42"));
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new UserIdPseudonyms("too-short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new UserIdPseudonyms(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesJavaSerialisationAsFlinkShipsIt() throws Exception {
        UserIdPseudonyms pseudonyms = new UserIdPseudonyms(SECRET);
        pseudonyms.pseudonym("warm the thread-local up");
        UserIdPseudonyms shipped = InstantiationUtil.clone(pseudonyms);
        assertThat(shipped.pseudonym("u42")).isEqualTo(pseudonyms.pseudonym("u42"));
    }
}
