package org.minqing.representative.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.kit.export.XlsxDownload;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.mapping.Views.ArchivePage;
import org.minqing.representative.mapping.Views.WorkReport;
import org.minqing.representative.service.Access;
import org.minqing.representative.service.ArchiveExport;
import org.minqing.representative.service.ArchiveReport;
import org.minqing.representative.service.WorkReportService;

/**
 * Jurisdiction-wide reports for staff: the work report's numbers (工作汇报) and the duty archive of
 * every representative (代表履职情况), as JSON and as a streamed XLSX. Scoped to the caller's
 * jurisdiction, or a part of it named by {@code jurisdiction}.
 */
@Path("/reports")
@RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
public class ReportResource {

    /** A report spans at most five years (a congress term): longer periods are refused, not slowly counted. */
    static final int MAX_PERIOD_YEARS = 5;
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_PAGE = 100_000;

    @Inject
    Access access;

    @Inject
    AppClock clock;

    @Inject
    WorkReportService workReports;

    @Inject
    ArchiveReport archives;

    @Inject
    ArchiveExport export;

    @GET
    @Path("/work")
    @Transactional
    public WorkReport work(@QueryParam("from") String fromText, @QueryParam("to") String toText,
            @QueryParam("jurisdiction") String jurisdiction) {
        LocalDate today = clock.today();
        LocalDate from = date("from", fromText, today.withDayOfYear(1));
        LocalDate to = date("to", toText, today);
        Bounds.check().date("from", from).date("to", to).throwIfAny();
        if (to.isBefore(from)) {
            throw Bounds.outOfRange("to", "结束日期不能早于开始日期", "must not be before from");
        }
        if (!to.isBefore(from.plusYears(MAX_PERIOD_YEARS))) {
            throw Bounds.outOfRange("to", "统计期间最长 " + MAX_PERIOD_YEARS + " 年", "the period spans at most "
                    + MAX_PERIOD_YEARS + " years");
        }
        return workReports.report(scope(jurisdiction), from, to);
    }

    @GET
    @Path("/duty-archive")
    public ArchivePage dutyArchive(@QueryParam("year") Integer year, @QueryParam("jurisdiction") String jurisdiction,
            @QueryParam("kind") String kind, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Bounds.check().year("year", year).number("page", page, 0, MAX_PAGE).number("size", size, 1, MAX_PAGE_SIZE)
                .throwIfAny();
        ArchiveReport.Filter f = filter(year, jurisdiction, kind);
        return archives.page(f, page == null ? 0 : page, size == null ? 100 : size);
    }

    /** Streamed: rows go from the database cursor to the response one at a time. */
    @GET
    @Path("/duty-archive.xlsx")
    @Produces(DutyArchiveResource.XLSX)
    public Response dutyArchiveXlsx(@QueryParam("year") Integer year,
            @QueryParam("jurisdiction") String jurisdiction, @QueryParam("kind") String kind) {
        Bounds.check().year("year", year).throwIfAny();
        ArchiveReport.Filter f = filter(year, jurisdiction, kind);
        // everything is checked above: once rows flow, a problem can no longer be answered
        return XlsxDownload.of("duty-archive-" + f.year(), f.scope() + "-" + f.year() + "年度代表履职情况",
                out -> export.write(f, out));
    }

    private ArchiveReport.Filter filter(Integer year, String jurisdiction, String kindText) {
        RepresentativeKind kind = null;
        if (kindText != null && !kindText.isBlank()) {
            try {
                kind = RepresentativeKind.valueOf(kindText);
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("kind", "类别无效，应为 NPC_DEPUTY、PARTY_DELEGATE 或 CPPCC_MEMBER",
                        "unknown kind; use NPC_DEPUTY, PARTY_DELEGATE or CPPCC_MEMBER");
            }
        }
        return new ArchiveReport.Filter(scope(jurisdiction), year == null ? clock.today().getYear() : year, kind);
    }

    /** The caller's own jurisdiction, or a part of it; 403 for a code outside it. */
    private String scope(String jurisdiction) {
        String own = access.scopeCode();
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return own;
        }
        if (!Jurisdiction.isValid(jurisdiction)) {
            throw ProblemException.validation("jurisdiction", "不是有效的区划代码（12 位数字）",
                    "is not a valid 12-digit division code");
        }
        access.scope().requireWithin(jurisdiction, "jurisdiction");
        return jurisdiction;
    }

    private static LocalDate date(String field, String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field, "日期格式应为 2026-12-01", "use the form 2026-12-01");
        }
    }
}
