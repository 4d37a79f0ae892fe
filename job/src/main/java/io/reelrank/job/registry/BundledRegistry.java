package io.reelrank.job.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A model registry packaged inside the job jar, named by a root {@code jar:<folder>} (the build
 * packages the repository's {@code models/registry} as {@code jar:models/registry}). The model
 * registry reads directories, so each TaskManager copies the folder out of the jar into its
 * temporary directory first. The copy's name is a hash of the folder's content: every scorer of
 * one TaskManager finds the same copy and shares one model watcher and ONNX session, and a job
 * jar with other models gets a copy of its own.
 */
public final class BundledRegistry {
    /** How a registry root names a folder inside the job jar. */
    public static final String PREFIX = "jar:";

    private BundledRegistry() {}

    public static boolean isBundled(String registryRoot) {
        return registryRoot.startsWith(PREFIX);
    }

    /** The local copy of the registry {@code registryRoot} names, made if this host has none yet. */
    public static Path localCopy(String registryRoot) {
        try {
            Path jar = Path.of(BundledRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return copy(jar, registryRoot.substring(PREFIX.length()), Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model registry " + registryRoot + " out of the job jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the job jar's location is not a path", e);
        }
    }

    /**
     * Copies {@code folder} of {@code jarOrClasses} (the job jar, or the classes directory of a
     * build) to {@code tmpDir}/reelrank-registry-&lt;hash&gt; unless it is there already, and
     * returns that directory.
     */
    static Path copy(Path jarOrClasses, String folder, Path tmpDir) throws IOException {
        Map<String, byte[]> files = Files.isDirectory(jarOrClasses)
                ? readDirectory(jarOrClasses.resolve(folder))
                : readJar(jarOrClasses, folder);
        if (files.isEmpty()) {
            throw new IOException(jarOrClasses + " holds no files under " + folder
                    + "; build the job jar with the registry in it (job/pom.xml), or give a registry path");
        }
        Path target = tmpDir.resolve("reelrank-registry-" + hash(files));
        if (holds(target, files)) {
            return target;
        }
        Files.createDirectories(tmpDir);
        Path staging = Files.createTempDirectory(tmpDir, ".reelrank-registry-");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = staging.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        try {
            // Atomic: a scorer never sees a half-written copy, and of two scorers copying at
            // once, one rename wins and the other finds the same files in place.
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteRecursively(staging);
            if (!holds(target, files)) {
                throw new IOException(target + " holds other files than " + folder + " of the job jar; delete it", e);
            }
        }
        return target;
    }

    private static Map<String, byte[]> readJar(Path jar, String folder) throws IOException {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            for (JarEntry entry : jarFile.stream().toList()) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    files.put(entry.getName().substring(prefix.length()), jarFile.getInputStream(entry).readAllBytes());
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> readDirectory(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    files.put(folder.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
                }
            }
        }
        return files;
    }

    private static boolean holds(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (!Files.isRegularFile(path) || !Arrays.equals(Files.readAllBytes(path), file.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Names and contents in name order, so the same files give the same hash wherever they are read. */
    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
