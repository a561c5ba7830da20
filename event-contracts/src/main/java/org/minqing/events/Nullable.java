package org.minqing.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a payload component that may be {@code null}. Every other component must be present:
 * {@link EventEnvelope#of} rejects nulls in them, and the JSON Schemas list every component as
 * required, typing only these as {@code [..., "null"]} (the drift test holds both to this).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Nullable {
}
