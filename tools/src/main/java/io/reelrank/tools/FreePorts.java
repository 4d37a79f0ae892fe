package io.reelrank.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ephemeral ports for processes that must be told their port before they start: a KRaft
 * controller (the static quorum names it), a standalone Flink cluster's REST, RPC and metrics
 * ports. Binding port 0 on every interface finds one free on loopback too; it is released for
 * the process, which binds it a moment later ({@code LocalKafkaBroker} retries on the rare race).
 */
public final class FreePorts {
    private FreePorts() {}

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
