package org.minqing.notification.client;

import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

    /** The contacts and the receipt code in force: used for this one send, never stored. */
    record CaseContacts(String caseId, String receiptCode, List<Contact> contacts) {
    }

    record Contact(String name, String phone, String email) {
    }
}
