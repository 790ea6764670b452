package io.parley.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.parley.common.validation.SafeText;
import java.io.IOException;

/**
 * Every JSON string a request binds, at any depth (fields, list items), passes {@link SafeText}:
 * JSON can spell {@code \u0000} or a lone {@code \ud800}, which no entity field should ever hold.
 * A refusal names the field's JSON path ({@link UnsafeText}), mapped to a 400 problem.
 */
public final class SafeStrings extends StdScalarDeserializer<String> {

    SafeStrings() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text == null) {
            return null;
        }
        String normalized = SafeText.normalizeLineBreaks(text);
        String problem = SafeText.problem(normalized).orElse(null);
        if (problem != null) {
            throw new UnsafeText(parser, problem);
        }
        return normalized;
    }

    @Override
    public boolean isCachable() {
        return true;
    }

    /** A JSON string Parley will not store; the mapper answers 400 naming its field. */
    public static final class UnsafeText extends InvalidFormatException {

        UnsafeText(JsonParser parser, String problem) {
            super(parser, problem, null, String.class);
        }
    }
}
