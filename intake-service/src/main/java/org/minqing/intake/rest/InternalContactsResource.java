package org.minqing.intake.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.minqing.intake.mapping.CaseViews.Contacts;
import org.minqing.intake.mapping.CaseViews.ContactsBatch;
import org.minqing.intake.mapping.CaseViews.ContactsQuery;
import org.minqing.intake.service.CaseService;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;

/**
 * A visitor's contact for notification-service only (its service account, role {@code service});
 * every call is written to the personal-data access log.
 */
@Path("/internal/cases")
@Produces(MediaType.APPLICATION_JSON)
public class InternalContactsResource {

    @Inject
    CaseService cases;

    @Inject
    CallerScope scope;

    private static final String NOTIFY = "通知来访人 / notify the visitor";

    @GET
    @Path("/{caseId}/contacts")
    @RolesAllowed(Roles.SERVICE)
    public Contacts contacts(@PathParam("caseId") String caseId, @HeaderParam("X-Access-Purpose") String purpose) {
        String why = purpose == null || purpose.isBlank() ? NOTIFY
                : purpose.length() > 200 ? purpose.substring(0, 200) : purpose;
        return cases.contacts(CaseResource.uuid(caseId), scope, why);
    }

    /** Issue 16: the contacts of a batch of notices in one call (1..100 namings, each logged with its purpose). */
    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SERVICE)
    public ContactsBatch contactsOf(@NotNull @Valid ContactsQuery query) {
        return cases.contactsOf(query.requests(), scope, NOTIFY);
    }
}
