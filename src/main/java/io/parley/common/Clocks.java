package io.parley.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** One clock for the whole service, so that time-dependent rules read time the same way. */
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        // PostgreSQL keeps microseconds: times handed out must equal the ones read back
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
