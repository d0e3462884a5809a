package dev.mosaic.dsl.ast;

/**
 * {@code when subject == "value"} on a policy rule; the subject is {@code tenant} or {@code env}.
 *
 * @param subject what is compared
 * @param equals true for {@code ==}, false for {@code !=}
 * @param value the string compared with
 * @param span the whole condition
 * @param subjectSpan the subject
 */
public record Condition(String subject, boolean equals, String value, Span span, Span subjectSpan)
    implements Node {}
