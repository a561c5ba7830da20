package org.minqing.notification.rest;

import java.util.List;

import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.notification.service.Directory;
import org.minqing.notification.service.Directory.MailboxRow;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Handling units' and supervisors' mailboxes (单位/督办联系邮箱), kept by ops-admin. */
@Path("/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS_ADMIN)
public class MailboxResource {

    @Inject
    Directory directory;

    public record MailboxChange(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Pattern(regexp = "\\+?\\d{5,20}", message = "不是有效的手机号码 / not a valid mobile number") String mobile,
            @Size(max = 200) String userSubject) {
    }

    @GET
    public List<MailboxRow> list() {
        return directory.mailboxes();
    }

    @PUT
    @Path("/{kind}/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public MailboxRow put(@PathParam("kind") String kind, @PathParam("key") String key,
            @Valid @NotNull MailboxChange change) {
        String k = kind.toUpperCase(java.util.Locale.ROOT);
        if (!k.equals("UNIT") && !k.equals("SUPERVISOR")) {
            throw ProblemException.validation("kind", "只能是 UNIT 或 SUPERVISOR", "must be UNIT or SUPERVISOR");
        }
        if (k.equals("SUPERVISOR") && !Jurisdiction.isValid(key)) {
            throw ProblemException.validation("key", "督办单位须以12位区划代码标识", "a supervisor is keyed by a 12-digit division code");
        }
        directory.upsertMailbox(k, key, change.name(), change.email(), change.mobile(), change.userSubject());
        return directory.mailboxRow(k, key).orElseThrow();
    }
}
