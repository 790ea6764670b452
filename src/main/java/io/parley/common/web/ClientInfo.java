package io.parley.common.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client's address and user agent. The address is the socket's, or the forwarded one when
 * Quarkus's proxy support (quarkus.http.proxy.*) trusts the proxy it came through.
 */
public record ClientInfo(InetAddress ip, String userAgent) {

    private static final int MAX_USER_AGENT = 255;

    public static ClientInfo of(HttpServerRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(addressOf(request.remoteAddress()), agent);
    }

    private static InetAddress addressOf(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return null;
        }
        try {
            // an IP literal: parsed, never looked up
            return InetAddress.getByName(address.hostAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
