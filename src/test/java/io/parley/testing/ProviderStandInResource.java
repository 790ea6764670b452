package io.parley.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the X/Facebook stand-in for the whole test run and points Parley's social logins at it. */
public class ProviderStandInResource implements QuarkusTestResourceLifecycleManager {

    private static ProviderStandIn standIn;

    public static ProviderStandIn standIn() {
        return standIn;
    }

    @Override
    public Map<String, String> start() {
        standIn = new ProviderStandIn(0);
        return standIn.parleyConfig();
    }

    @Override
    public void stop() {
        standIn.close();
    }
}
