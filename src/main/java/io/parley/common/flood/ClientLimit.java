package io.parley.common.flood;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.parley.common.error.ProblemException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * So many requests of one kind per client address and period, on this replica: a token bucket that
 * a person never empties and a script soon does. For what costs a script nothing else (a like, a
 * mail sent to an address it names), the address is what bounds it.
 */
public final class ClientLimit {

    private final Cache<InetAddress, Bucket> buckets;
    private final Bandwidth bandwidth;
    private final String title;
    private final String detail;

    /** @param detail what the 429 says, before "Please wait N seconds." */
    public ClientLimit(int perPeriod, Duration period, String title, String detail) {
        this.bandwidth = Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, period).build();
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(period).build();
        this.title = title;
        this.detail = detail;
    }

    /** Takes one from the client's bucket, or refuses with 429 and Retry-After. */
    public void take(InetAddress client) {
        if (client == null) {
            return;
        }
        ConsumptionProbe probe = buckets.get(client, ip -> Bucket.builder().addLimit(bandwidth).build()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw ProblemException.busy(429, title, detail + " Please wait " + wait + " seconds.", (int) wait);
        }
    }
}
