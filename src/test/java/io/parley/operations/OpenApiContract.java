package io.parley.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The parts of an OpenAPI document clients program against: operations and the shapes of schemas. */
final class OpenApiContract {

    private static final Set<String> NOT_OPERATIONS = Set.of("parameters", "summary", "description", "servers");

    private OpenApiContract() {
    }

    static JsonNode published() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
    }

    static JsonNode served() throws IOException {
        String json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        return new ObjectMapper().readTree(json);
    }

    /** "POST /api/v1/articles/{articleId}/comments", ... */
    static Set<String> operations(JsonNode spec) {
        Set<String> operations = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!NOT_OPERATIONS.contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** Schema name → property name → its type, format, $ref and item type. */
    static Map<String, Map<String, String>> schemas(JsonNode spec) {
        Map<String, Map<String, String>> schemas = new TreeMap<>();
        spec.path("components").path("schemas").fields().forEachRemaining(schema -> {
            Map<String, String> properties = new TreeMap<>();
            schema.getValue().path("properties").fields()
                    .forEachRemaining(p -> properties.put(p.getKey(), shape(p.getValue())));
            schemas.put(schema.getKey(), properties);
        });
        return schemas;
    }

    private static String shape(JsonNode property) {
        StringBuilder shape = new StringBuilder();
        for (String key : new String[] {"type", "format", "$ref"}) {
            if (property.has(key)) {
                shape.append(key).append('=').append(property.get(key).asText()).append(' ');
            }
        }
        if (property.has("items")) {
            shape.append("items[").append(shape(property.get("items"))).append("] ");
        }
        if (property.has("additionalProperties") && property.get("additionalProperties").isObject()) {
            shape.append("values[").append(shape(property.get("additionalProperties"))).append("] ");
        }
        return shape.toString().trim();
    }

    /**
     * Schemas only the {@code webhooks} section uses (directly or through other schemas): what
     * Parley sends to receivers, which no endpoint of the code-only spec takes or returns.
     */
    static Set<String> sentOnly(JsonNode spec) {
        Set<String> reached = new TreeSet<>();
        collectRefs(spec.path("webhooks"), spec, reached);
        Set<String> usedByPaths = new TreeSet<>();
        collectRefs(spec.path("paths"), spec, usedByPaths);
        reached.removeAll(usedByPaths);
        return reached;
    }

    private static void collectRefs(JsonNode node, JsonNode spec, Set<String> names) {
        if (node.isObject() && node.has("$ref") && node.get("$ref").asText().startsWith("#/components/schemas/")) {
            String name = node.get("$ref").asText().substring("#/components/schemas/".length());
            if (names.add(name)) {
                collectRefs(spec.path("components").path("schemas").path(name), spec, names);
            }
        }
        node.elements().forEachRemaining(child -> collectRefs(child, spec, names));
    }

    static void assertSameOperations(JsonNode expected, JsonNode actual) {
        assertEquals(operations(expected), operations(actual), "operations of openapi.yaml and the served spec");
    }

    /** Every schema in {@code actual} exists in {@code expected} with the same properties of the same types. */
    static void assertSchemasAgree(JsonNode expected, JsonNode actual, Set<String> onlyInExpected) {
        Map<String, Map<String, String>> want = schemas(expected);
        Map<String, Map<String, String>> got = schemas(actual);
        for (Iterator<String> names = got.keySet().iterator(); names.hasNext(); ) {
            String name = names.next();
            assertEquals(want.get(name), got.get(name), "schema " + name);
        }
        Set<String> missing = new TreeSet<>(want.keySet());
        missing.removeAll(got.keySet());
        assertEquals(onlyInExpected, missing, "schemas of openapi.yaml the code does not have");
    }
}
