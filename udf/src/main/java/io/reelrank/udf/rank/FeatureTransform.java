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
            return (float) log1p(Math.max(0f, raw));
        }
    },
    SIGNED_LOG1P {
        @Override
        float apply(float raw) {
            return Math.signum(raw) * (float) log1p(Math.abs(raw));
        }
    };

    abstract float apply(float raw);

    /** Below it, log(1 + x) in double would lose digits that a float still shows; above it, it cannot. */
    private static final double LOG1P_EXACT_BELOW = 1e-4;

    /**
     * log(1 + x) for x >= 0, as a float would hold it. {@code Math.log1p} is not a JIT intrinsic
     * (it runs StrictMath's software routine, once per transformed value), {@code Math.log} is;
     * from 1e-4 up the rounding of 1 + x costs at most about 1e-12 relative, far below a float's
     * 6e-8.
     */
    static double log1p(double x) {
        if (x == 0.0) {
            return x; // the commonest value (a count of nothing), and StrictMath's slow path
        }
        return x < LOG1P_EXACT_BELOW ? Math.log1p(x) : Math.log(1.0 + x);
    }

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
