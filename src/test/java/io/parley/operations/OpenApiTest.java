package io.parley.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What /q/openapi serves is openapi.yaml, the published contract. */
@QuarkusTest
class OpenApiTest {

    @Test
    void servedSpecIsThePublishedContract() throws Exception {
        JsonNode published = OpenApiContract.published();
        JsonNode served = OpenApiContract.served();
        OpenApiContract.assertSameOperations(published, served);
        OpenApiContract.assertSchemasAgree(published, served, Set.of());
    }
}
