package io.parley.spam;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A loopback server that answers like Akismet's REST API: form posts to /1.1/comment-check,
 * "true"/"false" for a valid key, "invalid" with X-akismet-debug-help otherwise.
 */
public class AkismetStandIn implements QuarkusTestResourceLifecycleManager {

    static final String KEY = "akismet-test-key";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/1.1/comment-check")).withRequestBody(notContaining("api_key=" + KEY))
                .willReturn(aResponse().withBody("invalid").withHeader("X-akismet-debug-help", "Empty or invalid API key")));
        server.stubFor(post(urlEqualTo("/1.1/comment-check")).withRequestBody(containing("api_key=" + KEY))
                .willReturn(aResponse().withBody("false")));
        server.stubFor(post(urlEqualTo("/1.1/comment-check")).withRequestBody(containing("api_key=" + KEY))
                .withRequestBody(containing("comment_content=Cheap+viagra"))
                .willReturn(aResponse().withBody("true").withHeader("X-akismet-pro-tip", "discard")));
        server.stubFor(post(urlEqualTo("/1.1/comment-check")).withRequestBody(containing("comment_content=slow"))
                .willReturn(aResponse().withBody("true").withFixedDelay(5_000)));
        server.stubFor(post(urlEqualTo("/1.1/comment-check")).withRequestBody(containing("comment_content=broken"))
                .willReturn(aResponse().withStatus(500)));
        server.stubFor(post(urlEqualTo("/1.1/submit-spam"))
                .willReturn(aResponse().withBody("Thanks for making the web a better place.")));
        server.stubFor(post(urlEqualTo("/1.1/submit-ham"))
                .willReturn(aResponse().withBody("Thanks for making the web a better place.")));
        return Map.of("parley.akismet.api-key", KEY, "quarkus.rest-client.akismet.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
