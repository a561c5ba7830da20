package org.minqing.events;

import java.util.Objects;

/**
 * Who caused an event: the SSO subject and realm role of a staff member, representative or
 * service account. Never a resident's personal data: residents acting without a login appear
 * as {@link #PUBLIC}.
 */
public record Actor(String subject, String role) {

    /** A resident acting through a public channel (receipt code, Open311); identifies nobody. */
    public static final Actor PUBLIC = new Actor("anonymous", "public");

    public Actor {
        Objects.requireNonNull(subject, "actor subject");
        Objects.requireNonNull(role, "actor role");
        if (subject.isBlank() || role.isBlank()) {
            throw new IllegalArgumentException("actor subject and role must not be blank");
        }
    }

    /** A service acting on its own (deadline timers, retries); role is the realm role {@code service}. */
    public static Actor system(String service) {
        return new Actor(service, "service");
    }
}
