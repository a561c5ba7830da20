package org.minqing.intake.service;

import java.time.LocalDate;
import java.util.List;

import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;

/**
 * The sane range of every number and date intake accepts (H3). A well-formed value outside it is
 * refused with 422 naming the field; a malformed one stays a 400. Dates: from 2000 (long before
 * the platform) to a year ahead; nothing a caller sends may make the service loop or overflow.
 */
public final class Bounds {

    public static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);

    private Bounds() {
    }

    public static LocalDate latestDate(LocalDate today) {
        return today.plusYears(1);
    }

    /** Whether a date lies in [2000-01-01, today + 1 year]. */
    public static boolean dateInRange(LocalDate d, LocalDate today) {
        return !d.isBefore(EARLIEST_DATE) && !d.isAfter(latestDate(today));
    }

    public static Problem.FieldError dateOutOfRange(String field, LocalDate today) {
        return Problem.FieldError.of(field, "须在 " + EARLIEST_DATE + " 与 " + latestDate(today) + " 之间",
                "must be between " + EARLIEST_DATE + " and " + latestDate(today));
    }

    public static ProblemException outOfRange(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("out-of-range", 422, "取值超出允许范围", "Value out of range",
                "请修改所列字段后重试", "correct the listed fields and try again", List.copyOf(errors)));
    }

    /**
     * Refuses a request with bad fields: 400 listing every field if any is malformed, else 422 if
     * any is only out of range. Every offending field is named in one answer.
     */
    public static void refuseIfAny(List<Problem.FieldError> malformed, List<Problem.FieldError> outOfRange) {
        if (!malformed.isEmpty()) {
            List<Problem.FieldError> all = new java.util.ArrayList<>(malformed);
            all.addAll(outOfRange);
            throw ProblemException.validation(all);
        }
        if (!outOfRange.isEmpty()) {
            throw outOfRange(outOfRange);
        }
    }

    public static ProblemException outOfRange(String field, String zh, String en) {
        return outOfRange(List.of(Problem.FieldError.of(field, zh, en)));
    }
}
