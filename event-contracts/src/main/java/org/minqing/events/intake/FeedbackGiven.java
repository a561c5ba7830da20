package org.minqing.events.intake;

import java.time.Instant;
import org.minqing.events.Nullable;

/** The visitor rated how their case was handled (来访人评价); UNSATISFIED reopens it. */
public record FeedbackGiven(
        String caseId,
        Satisfaction rating,
        @Nullable String comment,
        Instant givenAt) {
}
