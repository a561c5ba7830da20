package org.minqing.representative.service;

import java.util.ArrayList;
import java.util.List;

import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;

/** Collects every semantic error of a request so the caller sees all of them at once, not one per try. */
public final class Checks {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Checks add(String field, String zh, String en) {
        errors.add(Problem.FieldError.of(field, zh, en));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** 400 naming every offending field, before anything is written. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
