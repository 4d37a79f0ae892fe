package io.reelrank.generator;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything needed to rebuild a {@link SyntheticWorld}: its settings and, for a KuaiRand world,
 * the catalog file (which must be readable where the world is rebuilt, e.g. on every
 * TaskManager). Generator functions ship this instead of the world.
 *
 * @param kuaiRandCatalog path of the KuaiRand video CSV, or null for a fully synthetic catalog
 */
public record WorldSpec(WorldSettings settings, String kuaiRandCatalog) implements Serializable {

    public WorldSpec {
        Objects.requireNonNull(settings, "settings");
    }

    public SyntheticWorld build() throws IOException {
        return kuaiRandCatalog == null
                ? SyntheticWorld.create(settings)
                : SyntheticWorld.fromKuaiRandCatalog(Path.of(kuaiRandCatalog), settings);
    }
}
