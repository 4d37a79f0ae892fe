package io.reelrank.tools.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ephemeral loopback ports for the broker. A KRaft controller's port must be known before it
 * starts (the static quorum names it), so the port is reserved by binding port 0, then
 * released for the broker; {@link LocalKafkaBroker} retries on the rare bind race.
 */
final class FreePorts {
    private FreePorts() {}

    static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
