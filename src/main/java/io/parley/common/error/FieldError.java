package io.parley.common.error;

import io.parley.common.validation.SafeText;

/** One invalid input field, by its JSON path ({@code author.email}). */
public record FieldError(String field, String message) {

    /** A field's name can be the client's own text (an unknown field); an answer must always be writable. */
    public FieldError {
        field = SafeText.printable(field);
        message = SafeText.printable(message);
    }
}
