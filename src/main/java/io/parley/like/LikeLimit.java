package io.parley.like;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * Likes per client address, on this replica: a token bucket that a reader going through a thread
 * never empties and a script soon does. Tokens cost nothing to get, so the address is what bounds
 * a script.
 */
@ApplicationScoped
class LikeLimit {

    private final Cache<InetAddress, Bucket> buckets;
    private final Bandwidth bandwidth;

    LikeLimit(ParleyConfig config) {
        ParleyConfig.Likes likes = config.likes();
        this.bandwidth = Bandwidth.builder().capacity(likes.perClient())
                .refillGreedy(likes.perClient(), likes.perClientPeriod()).build();
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(likes.perClientPeriod()).build();
    }

    void take(InetAddress client) {
        if (client == null) {
            return;
        }
        ConsumptionProbe probe = buckets.get(client, ip -> Bucket.builder().addLimit(bandwidth).build()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw ProblemException.busy(429, "Too many likes", "Please wait " + wait + " seconds before liking more comments.", (int) wait);
        }
    }
}
