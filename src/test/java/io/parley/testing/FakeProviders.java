package io.parley.testing;

import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the X/Facebook stand-in on its own for local development:
 * {@code ./mvnw -q test-compile exec:java@fake-providers [-Dport=8089]}, then start Parley with
 * the environment it prints. Every consent is given at once, as "Ada Lovelace" on Twitter and
 * "Grace Hopper" on Facebook.
 */
public final class FakeProviders {

    private FakeProviders() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0]) : 8089;
        ProviderStandIn standIn = new ProviderStandIn(port);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        System.out.println("Fake Twitter and Facebook on " + standIn.baseUrl() + ". Start Parley with:");
        Map<String, String> env = new TreeMap<>();
        standIn.parleyConfig().forEach((key, value) -> env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        env.forEach((key, value) -> System.out.println("export " + key + "='" + value + "'"));
        Thread.currentThread().join();
    }
}
