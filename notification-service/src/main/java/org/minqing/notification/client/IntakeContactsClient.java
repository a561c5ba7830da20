package org.minqing.notification.client;

import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * intake-service's internal contact look-up (来访人联系方式), called with this service's own
 * service-account token (client credentials), only at the moment a notice is sent.
 */
@RegisterRestClient(configKey = "intake")
@OidcClientFilter
@Path("/internal/cases")
public interface IntakeContactsClient {

    @GET
    @Path("/{caseId}/contacts")
    @Produces(MediaType.APPLICATION_JSON)
    CaseContacts contacts(@PathParam("caseId") String caseId, @HeaderParam("X-Access-Purpose") String purpose);

    /**
     * Issue 16: the contacts of several cases in one call (one token check and one round trip per
     * batch of notices); at most {@link #MAX_BATCH} namings, each with its purpose for intake's
     * access log.
     */
    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ContactsBatch contactsOf(ContactsQuery query);

    int MAX_BATCH = 100;

    record ContactsQuery(List<Wanted> requests) {
    }

    record Wanted(String caseId, String purpose) {
    }

    /** The cases found, and those intake does not hold or does not give this service (its 404 of one look-up). */
    record ContactsBatch(List<CaseContacts> cases, List<String> missing) {
    }

    /** The contacts and the receipt code in force: used for this one send, never stored. */
    record CaseContacts(String caseId, String receiptCode, List<Contact> contacts) {
    }

    record Contact(String name, String phone, String email) {
    }
}
