package org.minqing.events.intake;

/**
 * A line (条线) was added or changed by the district's piece: the line's full new state, so the last
 * event is the whole truth. {@code lineId} is the line's code (the message key); {@code active=false}
 * deactivates it (its cases keep it, new cases are refused). Every sub-district's piece's intake
 * applies it to its own catalogue (issue 14, ADR 0021).
 */
public record LineChanged(
        String lineId,
        String nameZh,
        String nameEn,
        String description,
        int sortOrder,
        boolean active) {
}
