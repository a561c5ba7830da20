package org.minqing.kit.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.minqing.kit.crypto.ReencryptionJob;
import org.minqing.kit.scope.Roles;

/**
 * Ops trigger of the {@link ReencryptionJob} (L12, ADR 0011): after deploying row-bound encryption,
 * and in the key-rotation runbook after switching the active key. {@code /ops/*} is not routed by
 * any Ingress; operators reach it through a port-forward with an ops-admin token.
 */
@Path("/ops/reencryption")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS_ADMIN)
public class ReencryptionResource {

    @Inject
    ReencryptionJob job;

    public record Pending(String activeKeyId, Map<String, Long> pending) {
    }

    @GET
    @Operation(summary = "待重新加密的行数 / Rows whose personal data awaits re-encryption")
    public Pending pending() {
        return new Pending(job.activeKeyIdForReport(), job.pending());
    }

    @POST
    @Operation(summary = "以当前密钥重新加密并绑定到所在行 / Re-encrypt under the active key, bound to each row")
    public ReencryptionJob.Report run() {
        return job.run();
    }
}
