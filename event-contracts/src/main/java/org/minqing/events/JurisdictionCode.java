package org.minqing.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component holding a 12-digit division code (统计用区划代码). {@link EventEnvelope#of}
 * checks it in payloads, and its schema property must carry the {@code ^\d{12}$} pattern.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface JurisdictionCode {
}
