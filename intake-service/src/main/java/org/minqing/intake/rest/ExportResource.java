package org.minqing.intake.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.minqing.kit.scope.Roles;
import org.minqing.intake.service.TableExport;
import org.minqing.kit.export.XlsxDownload;

/** A table shown in the console (work report, a chart's numbers) as XLSX. */
@Path("/exports")
public class ExportResource {

    @Inject
    TableExport tables;

    @POST
    @Path("/table.xlsx")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    public Response table(TableExport.Table table) {
        tables.validate(table);
        return XlsxDownload.of("table", table.fileName().strip(), out -> tables.write(table, out));
    }
}
