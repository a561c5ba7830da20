package org.minqing.intake.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.minqing.intake.service.RateLimiter;

/** A 429 tells the client when to try again (the rate window), as RFC 9110 suggests. */
public class RetryAfterFilter {

    @Inject
    RateLimiter limiter;

    @ServerResponseFilter
    public void retryAfter(ContainerResponseContext response) {
        if (response.getStatus() == 429 && !response.getHeaders().containsKey("Retry-After")) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(limiter.windowSeconds()));
        }
    }
}
