package io.parley.like;

import io.parley.common.ParleyConfig;
import io.parley.common.flood.ClientLimit;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;

/** Likes per client address (parley.likes.per-client per parley.likes.per-client-period, on each replica). */
@ApplicationScoped
class LikeLimit {

    private final ClientLimit limit;

    LikeLimit(ParleyConfig config) {
        this.limit = new ClientLimit(config.likes().perClient(), config.likes().perClientPeriod(), "Too many likes",
                "This address has liked too many comments for now.");
    }

    void take(InetAddress client) {
        limit.take(client);
    }
}
