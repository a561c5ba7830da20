package org.minqing.intake.rest;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Urgency;
import org.minqing.intake.CaseStatus;
import org.minqing.intake.IntakeCase;
import org.minqing.intake.config.ResidentIdNumber;
import org.minqing.intake.mapping.CaseRequest;
import org.minqing.intake.mapping.VisitorInput;
import org.minqing.intake.service.CaseService;
import org.minqing.intake.service.Bounds;
import org.minqing.intake.service.Catalogue;
import org.minqing.intake.service.ScopeRange;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.panache.common.Parameters;

/**
 * Open311 GeoReport v2 (JSON): the line catalogue as services, partner submissions as service
 * requests. Field names, datetimes (ISO 8601 with offset) and the error list follow the spec;
 * {@link Open311ErrorFilter} turns every problem on these paths into {@code [{"code","description"}]}.
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
public class Open311Resource {

    static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    static final int MAX_RESULTS = 1000;
    static final Duration MAX_SPAN = Duration.ofDays(90);
    static final int MAX_IDS = 100;

    @Inject
    Catalogue catalogue;

    @Inject
    CaseService cases;

    @Inject
    CallerScope scope;

    @GET
    @Path("/discovery.json")
    @PermitAll
    public Map<String, Object> discovery() {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", "/open311/v2");
        endpoint.put("changeset", "2026-11-01T00:00:00+08:00");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", "2026-11-01T00:00:00+08:00");
        d.put("contact", "民情接访平台 Minqing constituent reception platform");
        d.put("key_service", "OAuth 2.0 client credentials from the platform's single sign-on (role open311-partner)");
        d.put("endpoints", List.of(endpoint));
        return d;
    }

    @GET
    @Path("/services.json")
    @PermitAll
    public List<Map<String, Object>> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Catalogue.Line l : catalogue.lines().values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", l.code());
            s.put("service_name", l.nameZh() + " / " + l.nameEn());
            s.put("description", l.description());
            s.put("metadata", false);
            s.put("type", "realtime");
            s.put("keywords", l.nameEn().toLowerCase());
            s.put("group", l.nameZh());
            out.add(s);
        }
        return out;
    }

    @GET
    @Path("/services/{code}.json")
    @PermitAll
    public Map<String, Object> service(@PathParam("code") String code) {
        Catalogue.Line l = catalogue.activeLine(code).orElseThrow(() -> ProblemException.notFound("服务 / service " + code));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service_code", l.code());
        s.put("attributes", List.of());
        return s;
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPEN311_PARTNER)
    public Response createForm(@HeaderParam("Idempotency-Key") String key, MultivaluedMap<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((k, v) -> fields.put(k, v.isEmpty() ? null : v.get(0)));
        return create(key, fields);
    }

    @POST
    @Path("/requests.json")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPEN311_PARTNER)
    public Response createJson(@HeaderParam("Idempotency-Key") String key, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.validation("body", "须为 JSON 对象", "must be a JSON object");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return create(key, fields);
    }

    private Response create(String key, Map<String, String> f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String serviceCode = blank(f.get("service_code"));
        if (serviceCode == null) {
            errors.add(Problem.FieldError.of("service_code", "必填", "is required"));
        } else if (catalogue.activeLine(serviceCode).isEmpty()) { // a deactivated line takes no new request
            errors.add(Problem.FieldError.of("service_code", "没有该服务", "is not a service of this endpoint"));
        }
        String description = blank(f.get("description"));
        if (description == null) {
            errors.add(Problem.FieldError.of("description", "必填", "is required"));
        } else if (description.length() > 4000) {
            errors.add(Problem.FieldError.of("description", "长度不能超过 4000", "must have at most 4000 characters"));
        }
        List<Problem.FieldError> outOfRange = new ArrayList<>();
        Double lat = number(f.get("lat"), "lat", -90, 90, errors, outOfRange);
        Double lon = number(f.get("long"), "long", -180, 180, errors, outOfRange);
        String address = blank(f.get("address_string"));
        if (address != null && address.length() > 500) {
            errors.add(Problem.FieldError.of("address_string", "长度不能超过 500", "must have at most 500 characters"));
        }
        if ((lat == null) != (lon == null)) {
            errors.add(Problem.FieldError.of("lat", "lat 与 long 须同时提供", "lat and long go together"));
        }
        if (lat == null && lon == null && address == null && !errors.stream().anyMatch(e -> e.field().equals("lat") || e.field().equals("long"))) {
            errors.add(Problem.FieldError.of("lat", "须提供 lat/long 或 address_string", "lat/long or address_string is required"));
        }
        String phone = blank(f.get("phone"));
        if (phone != null && !phone.matches("1[3-9]\\d{9}")) {
            errors.add(Problem.FieldError.of("phone", "须为11位大陆手机号码", "must be an 11-digit mainland mobile number"));
        }
        String email = blank(f.get("email"));
        if (email != null && (email.length() > 200 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            errors.add(Problem.FieldError.of("email", "不是有效的电子邮件地址", "is not a valid e-mail address"));
        }
        String idNumber = blank(f.get("attribute[id_number]"));
        if (idNumber != null && !ResidentIdNumber.Validator.valid(idNumber)) {
            errors.add(Problem.FieldError.of("attribute[id_number]", "不是有效的18位身份证号码", "is not a valid resident ID number"));
        }
        String name = (nz(blank(f.get("last_name"))) + nz(blank(f.get("first_name")))).strip();
        if (name.length() > 50) {
            errors.add(Problem.FieldError.of("first_name", "姓名过长", "name is too long"));
        }
        Bounds.refuseIfAny(errors, outOfRange);
        Catalogue.Community community = lat != null ? catalogue.communityAt(lat, lon).orElse(null)
                : catalogue.communityByAddress(address).orElse(null);
        if (community == null) {
            throw ProblemException.validation(lat != null ? "lat" : "address_string",
                    "该位置不在本平台服务的社区范围内", "the location is not within a community served here");
        }
        List<VisitorInput> visitors = name.isEmpty() && phone == null && email == null && idNumber == null ? List.of()
                : List.of(new VisitorInput(name.isEmpty() ? null : name, phone, idNumber, email));
        CaseRequest req = new CaseRequest(IntakeChannel.OPEN311, null, null, visitors, 1, 1, serviceCode,
                community.code(), address, lat, lon, description, Urgency.NORMAL, List.of());
        CaseService.Recorded r = cases.record(req, key, scope, true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service_request_id", r.detail().id().toString());
        // GeoReport's service_notice is how the partner hands the resident their code: the recording
        // answer is the one place it appears (never in the request reads below).
        String code = r.detail().receiptCode();
        out.put("service_notice", code == null ? "已受理 / received"
                : "回执码 " + code + "，可凭此码查询进度 / receipt code " + code + " to follow the request");
        out.put("account_id", null);
        return Response.status(Response.Status.CREATED).entity(List.of(out)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/requests.json")
    @RolesAllowed({ Roles.OPEN311_PARTNER, Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public List<Map<String, Object>> requests(@QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCode, @QueryParam("start_date") String startDate,
            @QueryParam("end_date") String endDate, @QueryParam("status") String status) {
        ScopeRange range = ScopeRange.of(scope);
        boolean partner = partnerOnly();
        if (ids != null && !ids.isBlank()) {
            // The spec: with service_request_id, the other parameters are ignored.
            String[] given = ids.split(",");
            if (given.length > MAX_IDS) {
                throw Bounds.outOfRange("service_request_id", "一次最多查询 " + MAX_IDS + " 个编号",
                        "at most " + MAX_IDS + " ids at a time");
            }
            List<UUID> list = new ArrayList<>();
            for (String id : given) {
                try {
                    list.add(UUID.fromString(id.strip()));
                } catch (IllegalArgumentException e) {
                    // An id we never issued matches nothing.
                }
            }
            if (list.isEmpty()) {
                return List.of();
            }
            Parameters p = Parameters.with("ids", list).and("low", range.low()).and("high", range.high());
            String q = "id in :ids and communityCode between :low and :high";
            if (partner) {
                q += " and channel = :channel and recordedBy = :me";
                p.and("channel", IntakeChannel.OPEN311.name()).and("me", scope.subject());
            }
            List<IntakeCase> found = IntakeCase.list(q + " order by recordedAt desc", p);
            return found.stream().map(this::toRequest).toList();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Problem.FieldError> outOfRange = new ArrayList<>();
        OffsetDateTime end = dateTime(endDate, "end_date", errors, outOfRange);
        OffsetDateTime start = dateTime(startDate, "start_date", errors, outOfRange);
        if (errors.isEmpty() && outOfRange.isEmpty()) {
            if (end == null) {
                end = start != null ? start.plus(MAX_SPAN) : OffsetDateTime.now(cases_clock());
            }
            if (start == null) {
                start = end.minus(MAX_SPAN);
            }
            if (start.isAfter(end)) {
                errors.add(Problem.FieldError.of("end_date", "不能早于 start_date", "must not be before start_date"));
            } else if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                errors.add(Problem.FieldError.of("end_date", "与 start_date 相隔不能超过 90 天",
                        "must be at most 90 days after start_date"));
            }
        }
        List<String> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                switch (s.strip()) {
                    case "open" -> statuses.addAll(java.util.Arrays.stream(CaseStatus.values()).filter(st -> st != CaseStatus.CLOSED).map(Enum::name).toList());
                    case "closed" -> statuses.add("CLOSED");
                    default -> errors.add(Problem.FieldError.of("status", "须为 open 或 closed", "must be open or closed"));
                }
            }
        }
        if (serviceCode != null && catalogue.line(serviceCode).isEmpty()) {
            errors.add(Problem.FieldError.of("service_code", "没有该服务", "is not a service of this endpoint"));
        }
        Bounds.refuseIfAny(errors, outOfRange);
        StringBuilder q = new StringBuilder("communityCode between :low and :high and recordedAt >= :start and recordedAt <= :end");
        Parameters p = Parameters.with("low", range.low()).and("high", range.high()).and("start", start.toInstant())
                .and("end", end.toInstant());
        if (partner) {
            q.append(" and channel = :channel and recordedBy = :me");
            p.and("channel", IntakeChannel.OPEN311.name()).and("me", scope.subject());
        }
        if (serviceCode != null) {
            q.append(" and lineCode = :line");
            p.and("line", serviceCode);
        }
        if (!statuses.isEmpty()) {
            q.append(" and status in :statuses");
            p.and("statuses", statuses);
        }
        q.append(" order by recordedAt desc");
        return IntakeCase.<IntakeCase>find(q.toString(), p).page(0, MAX_RESULTS).list().stream().map(this::toRequest).toList();
    }

    @GET
    @Path("/requests/{id}.json")
    @RolesAllowed({ Roles.OPEN311_PARTNER, Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public List<Map<String, Object>> request(@PathParam("id") String id) {
        IntakeCase c = cases.visibleCase(CaseResource.uuid(id), scope);
        if (partnerOnly() && !(IntakeChannel.OPEN311.name().equals(c.channel) && scope.subject().equals(c.recordedBy))) {
            // M2: not one of this partner's own requests; as unknown as any other id.
            throw ProblemException.notFound("服务请求 / service request");
        }
        return List.of(toRequest(c));
    }

    /**
     * M2: an Open311 partner (an external system) reads only the requests it submitted itself
     * (channel OPEN311, recorded by its own client), never the district's other cases.
     */
    private boolean partnerOnly() {
        return scope.hasRole(Roles.OPEN311_PARTNER)
                && !scope.hasAnyRole(Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF);
    }

    private Map<String, Object> toRequest(IntakeCase c) {
        CaseStatus status = CaseStatus.valueOf(c.status);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", c.id.toString());
        r.put("status", status.open311());
        r.put("status_notes", status.zh + " / " + status.en);
        r.put("service_name", catalogue.line(c.lineCode).map(l -> l.nameZh() + " / " + l.nameEn()).orElse(c.lineCode));
        r.put("service_code", c.lineCode);
        r.put("description", c.description);
        r.put("agency_responsible", null);
        r.put("service_notice", null);
        r.put("requested_datetime", iso(c.recordedAt));
        r.put("updated_datetime", iso(c.updatedAt));
        // The referral deadline in force, as the end of that day in Beijing time.
        r.put("expected_datetime", c.expectedDate == null ? null
                : c.expectedDate.atTime(LocalTime.of(23, 59, 59)).atZone(AppClock.ZONE).toOffsetDateTime().format(ISO));
        r.put("address", c.address);
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", c.latitude);
        r.put("long", c.longitude);
        r.put("media_url", null);
        return r;
    }

    @Inject
    AppClock clock;

    private java.time.Clock cases_clock() {
        return clock;
    }

    static String iso(java.time.Instant at) {
        return at.atZone(AppClock.ZONE).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).format(ISO);
    }

    private OffsetDateTime dateTime(String value, String field, List<Problem.FieldError> errors,
            List<Problem.FieldError> outOfRange) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                parsed = LocalDate.parse(value.strip()).atStartOfDay(AppClock.ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                errors.add(Problem.FieldError.of(field, "须为 ISO 8601 日期时间（含时区偏移）",
                        "must be an ISO 8601 date-time with offset"));
                return null;
            }
        }
        // H3: a year like +999999999 parses, and start + 90 days would then overflow.
        LocalDate day = parsed.atZoneSameInstant(AppClock.ZONE).toLocalDate();
        if (!Bounds.dateInRange(day, clock.today())) {
            outOfRange.add(Bounds.dateOutOfRange(field, clock.today()));
            return null;
        }
        return parsed;
    }

    /** A coordinate: not a number → 400; a number outside [min, max] → 422 (H3). Returned as given. */
    private static Double number(String value, String field, double min, double max, List<Problem.FieldError> errors,
            List<Problem.FieldError> outOfRange) {
        if (value == null || value.isBlank()) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (Double.isNaN(d)) {
            errors.add(Problem.FieldError.of(field, "须为 " + min + " 到 " + max + " 之间的数",
                    "must be a number from " + min + " to " + max));
            return null;
        }
        if (d < min || d > max) {
            outOfRange.add(Problem.FieldError.of(field, "须为 " + min + " 到 " + max + " 之间的数",
                    "must be a number from " + min + " to " + max));
        }
        return d;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
