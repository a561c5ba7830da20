package org.minqing.kit.testapp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.jboss.resteasy.reactive.RestResponse;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;

@Path("/widgets")
@RolesAllowed({ "community-staff", "subdistrict-staff", "district-staff" })
public class WidgetResource {

    public static final String TOPIC = "minqing.kit-test.widget";

    @Inject
    Outbox outbox;

    @Inject
    CallerScope scope;

    public record WidgetChange(
            @NotBlank @Size(max = 20) String name,
            @NotBlank @Pattern(regexp = "\\d{12}") String jurisdiction) {
    }

    public record WidgetView(UUID id, String name, String jurisdiction, int version) {
    }

    /** Creates or changes a widget; the event goes out through the outbox in the same transaction. */
    @POST
    @Path("/{id}")
    @Transactional
    public RestResponse<WidgetView> put(@PathParam("id") UUID id, @Valid WidgetChange change) {
        scope.requireWithin(change.jurisdiction(), "jurisdiction");
        Widget w = Widget.findById(id);
        boolean created = w == null;
        if (created) {
            w = new Widget();
            w.id = id;
        }
        w.name = change.name();
        w.jurisdiction = change.jurisdiction();
        w.version++;
        if (created) {
            w.persist();
        }
        outbox.publish(TOPIC, new EventEnvelope(UUID.randomUUID(), "kit-test.widget.changed", 1,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), w.jurisdiction, "widget", id.toString(),
                id.toString(), scope.actor(),
                Events.mapper().createObjectNode().put("widgetId", id.toString()).put("version", w.version)));
        return RestResponse.ok(new WidgetView(w.id, w.name, w.jurisdiction, w.version));
    }

    @GET
    @Path("/{id}")
    public WidgetView get(@PathParam("id") UUID id) {
        Widget w = Widget.findById(id);
        if (w == null) {
            throw ProblemException.notFound("widget");
        }
        scope.requireVisible(w.jurisdiction, "widget");
        return new WidgetView(w.id, w.name, w.jurisdiction, w.version);
    }

    @POST
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

}
