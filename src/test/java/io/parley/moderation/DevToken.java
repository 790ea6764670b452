package io.parley.moderation;

import io.parley.testing.AdminTokens;
import java.time.Duration;

/**
 * Prints a moderator or admin token for local use against the dev profile
 * ({@code ./mvnw -q test-compile exec:java@dev-token -Drole=admin}). The key is the test key pair:
 * production trusts only the keys it is configured with.
 */
public final class DevToken {

    private DevToken() {
    }

    public static void main(String[] args) {
        String role = args.length > 0 ? args[0] : "moderator";
        if (!role.equals("moderator") && !role.equals("admin")) {
            System.err.println("usage: DevToken moderator|admin");
            System.exit(2);
        }
        System.out.println(AdminTokens.signed(AdminTokens.claims("dev-" + role, role).expiresIn(Duration.ofHours(12))));
    }
}
