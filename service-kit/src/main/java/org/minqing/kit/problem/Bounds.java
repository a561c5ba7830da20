package org.minqing.kit.problem;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Sane bounds (取值范围) for numbers and dates a client sends: a value outside them is refused with
 * a 422 problem naming the field, before it can drive a loop, a query or a stored row. A date is
 * sane between {@link #EARLIEST} and {@link #LATEST}: the platform's data starts after 2000 and
 * nothing it plans reaches past 2100.
 */
public final class Bounds {

    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    public static final int EARLIEST_YEAR = EARLIEST.getYear();
    public static final int LATEST_YEAR = LATEST.getYear();

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Collects several fields' range errors so the caller sees all of them at once. */
    public static Bounds check() {
        return new Bounds();
    }

    public Bounds number(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            errors.add(Problem.FieldError.of(field, "取值须在 " + min + " 到 " + max + " 之间",
                    "must be between " + min + " and " + max));
        }
        return this;
    }

    public Bounds number(String field, Integer value, long min, long max) {
        return number(field, value == null ? null : value.longValue(), min, max);
    }

    public Bounds date(String field, LocalDate value) {
        return date(field, value, EARLIEST, LATEST);
    }

    public Bounds date(String field, LocalDate value, LocalDate min, LocalDate max) {
        if (value != null && (value.isBefore(min) || value.isAfter(max))) {
            errors.add(Problem.FieldError.of(field, "日期须在 " + min + " 到 " + max + " 之间",
                    "the date must be between " + min + " and " + max));
        }
        return this;
    }

    public Bounds year(String field, Integer value) {
        if (value != null && (value < EARLIEST_YEAR || value > LATEST_YEAR)) {
            errors.add(Problem.FieldError.of(field, "年份须在 " + EARLIEST_YEAR + " 到 " + LATEST_YEAR + " 之间",
                    "the year must be between " + EARLIEST_YEAR + " and " + LATEST_YEAR));
        }
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** 422 naming every field out of range; nothing when all are in range. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw outOfRange(errors);
        }
    }

    public static ProblemException outOfRange(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("out-of-range", 422, "取值超出范围", "Value out of range",
                "请修改所列字段后重试", "correct the listed fields and try again", errors));
    }

    public static ProblemException outOfRange(String field, String zh, String en) {
        return outOfRange(List.of(Problem.FieldError.of(field, zh, en)));
    }
}
