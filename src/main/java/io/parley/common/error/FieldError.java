package io.parley.common.error;

/** One invalid input field, by its JSON path ({@code author.email}). */
public record FieldError(String field, String message) {
}
