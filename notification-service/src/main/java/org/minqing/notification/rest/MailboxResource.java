package org.minqing.notification.rest;

import java.util.List;

import org.minqing.kit.problem.Problem;
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

/**
 * The mailboxes notices go to (单位/督办联系邮箱). Supervisors' are kept here by ops-admin; handling
 * units' are only shown: they follow referral-service's units (issue 14, one source per fact).
 */
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
        if (k.equals("UNIT")) {
            throw ProblemException.conflict("unit-mailbox-follows-unit",
                    "承办单位的联系方式和账号在转办服务的承办单位接口中维护（PUT /api/referral/units/{id}），此处随之更新",
                    "a handling unit's contact and account are edited in referral-service's unit API "
                            + "(PUT /api/referral/units/{id}); its mailbox here follows it",
                    List.of(Problem.FieldError.of("kind", "承办单位邮箱随承办单位更新，不能在此修改",
                            "a unit's mailbox follows the unit and cannot be edited here")));
        }
        if (!k.equals("SUPERVISOR")) {
            throw ProblemException.validation("kind", "只能是 SUPERVISOR（承办单位在转办服务中维护）",
                    "must be SUPERVISOR (handling units are edited in referral-service)");
        }
        if (k.equals("SUPERVISOR") && !Jurisdiction.isValid(key)) {
            throw ProblemException.validation("key", "督办单位须以12位区划代码标识", "a supervisor is keyed by a 12-digit division code");
        }
        directory.upsertMailbox(k, key, change.name(), change.email(), change.mobile(), change.userSubject());
        return directory.mailboxRow(k, key).orElseThrow();
    }
}
