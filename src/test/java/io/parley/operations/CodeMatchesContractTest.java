package io.parley.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec the code alone produces (resources and DTO records, without openapi.yaml) must offer
 * the operations and schemas openapi.yaml promises: adding, removing or retyping an endpoint or a
 * field without updating the contract fails here.
 */
@QuarkusTest
@TestProfile(CodeMatchesContractTest.CodeOnly.class)
class CodeMatchesContractTest {

    public static class CodeOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-openapi.ignore-static-document", "true");
        }
    }

    @Test
    void codeOffersWhatTheContractPromises() throws Exception {
        JsonNode published = OpenApiContract.published();
        JsonNode fromCode = OpenApiContract.served();
        OpenApiContract.assertSameOperations(published, fromCode);
        OpenApiContract.assertSchemasAgree(published, fromCode, OpenApiContract.sentOnly(published));
    }
}
