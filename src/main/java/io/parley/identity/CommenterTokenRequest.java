package io.parley.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token of an {@code Authorization: Commenter <token>} header, to be checked. */
final class CommenterTokenRequest extends BaseAuthenticationRequest {

    final String token;

    CommenterTokenRequest(String token) {
        this.token = token;
    }
}
