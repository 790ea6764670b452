package io.parley.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.Sha256;
import jakarta.ws.rs.core.EntityTag;
import java.util.Base64;

/** A JSON answer serialised once, with the strong ETag of exactly these bytes. */
public record JsonBytes(byte[] bytes, EntityTag etag) {

    public static JsonBytes of(ObjectMapper json, Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            return new JsonBytes(bytes, new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(bytes))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
