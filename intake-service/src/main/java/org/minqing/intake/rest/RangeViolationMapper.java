package org.minqing.intake.rest;

import java.lang.annotation.Annotation;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minqing.intake.service.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemMappers;

/**
 * H3: a well-formed number outside its bound (households, persons, latitude, longitude, …) is a
 * 422 naming the field, like every other bound in intake; any other invalid input stays the kit's
 * 400. Runs before the kit's mapper and reuses its field naming.
 */
public class RangeViolationMapper {

    private static final Set<String> RANGE_CONSTRAINTS = Set.of("Min", "Max", "DecimalMin", "DecimalMax", "Positive",
            "PositiveOrZero", "Negative", "NegativeOrZero", "Range", "Past", "PastOrPresent", "Future", "FutureOrPresent");

    private final ProblemMappers kit = new ProblemMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        Response answer = kit.invalid(e, uri);
        boolean allRanges = !e.getConstraintViolations().isEmpty();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            Annotation a = v.getConstraintDescriptor().getAnnotation();
            allRanges &= RANGE_CONSTRAINTS.contains(a.annotationType().getSimpleName());
        }
        if (!allRanges || answer.getStatus() != 400 || !(answer.getEntity() instanceof Problem p)) {
            return answer;
        }
        Problem ranged = Bounds.outOfRange(p.errors()).problem().withInstance(p.instance());
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(ranged).build();
    }
}
