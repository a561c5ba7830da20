package org.minqing.events.representative;

/** The level of congress a representative sits in; null where the platform does not track it. */
public enum RepresentativeLevel {
    CITY,
    DISTRICT
}
