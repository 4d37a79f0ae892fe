package io.reelrank.bench;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on, printed above the table. */
record Machine(int cores, String cpu, String java, double loadAverage, String onnxProviders) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                String.valueOf(OrtEnvironment.getAvailableProviders()));
    }

    /**
     * The model name with its family, model number and widest vector extension: a cloud host
     * may name several CPU generations alike ("AMD EPYC") whose ONNX Runtime ceilings differ
     * severalfold, so figures are comparable only between runs whose line matches.
     */
    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String flags = " " + field(lines, "flags") + " ";
            String vectors = flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : "no AVX2";
            return field(lines, "model name") + " (family " + field(lines, "cpu family") + " model "
                    + field(lines, "model") + ", " + vectors + ")";
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The first processor's value of {@code key} in /proc/cpuinfo ("key<tabs>: value"). */
    private static String field(List<String> cpuinfo, String key) {
        return cpuinfo.stream()
                .filter(line -> line.startsWith(key) && line.substring(key.length()).trim().startsWith(":"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown");
    }

    /** The one-minute load average now, to show how busy the shared machine was. */
    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
