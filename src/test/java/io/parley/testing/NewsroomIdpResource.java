package io.parley.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the newsroom's OpenID Connect stand-in for the whole test run and points the console's login at it. */
public class NewsroomIdpResource implements QuarkusTestResourceLifecycleManager {

    private static NewsroomIdp idp;

    public static NewsroomIdp idp() {
        return idp;
    }

    @Override
    public Map<String, String> start() {
        idp = new NewsroomIdp(0);
        return idp.parleyConfig();
    }

    @Override
    public void stop() {
        idp.close();
    }
}
