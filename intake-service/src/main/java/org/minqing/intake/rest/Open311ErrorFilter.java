package org.minqing.intake.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.minqing.kit.problem.Problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * On Open311 paths, errors take the GeoReport v2 form {@code [{"code":400,"description":"…"}]}
 * instead of problem+json; the description names the fields, Chinese first.
 */
public class Open311ErrorFilter {

    @ServerResponseFilter
    public void toOpen311(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/open311/") || !(response.getEntity() instanceof Problem p)) {
            return;
        }
        String description;
        if (p.errors() != null && !p.errors().isEmpty()) {
            description = p.errors().stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        } else {
            description = p.detail() != null ? p.title() + ": " + p.detail() : p.title();
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", p.status());
        error.put("description", description);
        response.setEntity(List.of(error), null, MediaType.APPLICATION_JSON_TYPE);
    }
}
