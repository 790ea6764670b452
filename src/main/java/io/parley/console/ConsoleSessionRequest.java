package io.parley.console;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The console cookie's token, on its way to {@link ConsoleIdentityProvider}. */
public class ConsoleSessionRequest extends BaseAuthenticationRequest {

    final String token;

    ConsoleSessionRequest(String token) {
        this.token = token;
    }
}
