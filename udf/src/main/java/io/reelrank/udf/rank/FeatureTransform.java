package io.reelrank.udf.rank;

/**
 * The transforms a feature spec may name, applied before clipping. Resolved from the spec's
 * name once, so that assembling a row does not switch on a string per value.
 */
enum FeatureTransform {
    IDENTITY {
        @Override
        float apply(float raw) {
            return raw;
        }
    },
    LOG1P {
        @Override
        float apply(float raw) {
            return (float) Math.log1p(Math.max(0f, raw));
        }
    },
    SIGNED_LOG1P {
        @Override
        float apply(float raw) {
            return Math.signum(raw) * (float) Math.log1p(Math.abs(raw));
        }
    };

    abstract float apply(float raw);

    /** The transform the spec calls {@code name}, or null when there is none of that name. */
    static FeatureTransform named(String name) {
        return switch (name) {
            case "identity" -> IDENTITY;
            case "log1p" -> LOG1P;
            case "signed_log1p" -> SIGNED_LOG1P;
            default -> null;
        };
    }
}
