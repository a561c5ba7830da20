package org.minqing.representative.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.minqing.events.Actor;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.representative.Representative;
import org.minqing.representative.mapping.Requests.RepresentativeRequest;

/**
 * Bulk import of a representative roster (代表名册) from the UTF-8 CSV staff keep in spreadsheets,
 * with Chinese column headers. All or nothing: every row is checked first, and a file with any
 * bad row is refused with each bad row's line number and reason; nothing is written.
 */
@ApplicationScoped
public class RosterImport {

    public static final int MAX_ROWS = 2000;
    /** 2,000 rows of nine short columns fit well within this; anything larger is not a roster. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Column header → request property. The first five are required. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();
    static {
        COLUMNS.put("姓名", "name");
        COLUMNS.put("类别", "kind");
        COLUMNS.put("任期开始", "termStart");
        COLUMNS.put("任期结束", "termEnd");
        COLUMNS.put("选区代码", "constituencyCode");
        COLUMNS.put("级别", "level");
        COLUMNS.put("联络站", "liaisonStation");
        COLUMNS.put("手机", "phone");
        COLUMNS.put("邮箱", "email");
        COLUMNS.put("编号", "id");
        COLUMNS.put("账号", "userSubject");
    }
    static final List<String> REQUIRED = List.of("姓名", "类别", "任期开始", "任期结束", "选区代码");
    private static final Map<String, String> HEADER_OF = new HashMap<>();
    static {
        COLUMNS.forEach((h, p) -> HEADER_OF.put(p, h));
    }
    private static final Pattern DATE = Pattern.compile("^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?$");

    @Inject
    Validator validator;

    @Inject
    RepresentativeService representatives;

    @Transactional
    public List<Representative> importCsv(byte[] body, CallerScope scope, Actor actor) {
        List<Csv.Row> rows = Csv.parse(decode(body));
        if (rows.isEmpty()) {
            throw ProblemException.validation("file", "文件为空，缺少表头", "the file is empty; a header row is required");
        }
        Csv.Row header = rows.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.cells().size(); i++) {
            index.putIfAbsent(header.cells().get(i).trim(), i);
        }
        List<String> missing = REQUIRED.stream().filter(h -> !index.containsKey(h)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.validation("header", "缺少列：" + String.join("、", missing)
                    + "（表头应为 姓名,类别,级别,任期开始,任期结束,选区代码,联络站,手机,邮箱）",
                    "missing columns: " + String.join(", ", missing));
        }
        List<Csv.Row> data = rows.subList(1, rows.size()).stream().filter(r -> !r.isBlank()).toList();
        if (data.isEmpty()) {
            throw ProblemException.validation("file", "文件中没有数据行", "the file has no data rows");
        }
        if (data.size() > MAX_ROWS) {
            throw org.minqing.kit.problem.Bounds.outOfRange("file", "一次最多导入 " + MAX_ROWS + " 行",
                    "at most " + MAX_ROWS + " rows per file");
        }

        List<Problem.FieldError> errors = new ArrayList<>();
        List<RepresentativeRequest> requests = new ArrayList<>();
        Set<String> phones = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (Csv.Row row : data) {
            Checks checks = new Checks();
            RepresentativeRequest r = toRequest(row, index, checks);
            if (r != null) {
                for (ConstraintViolation<RepresentativeRequest> v : validator.validate(r)) {
                    String prop = v.getPropertyPath().toString();
                    Wording w = wording(v);
                    checks.add(column(row.line(), prop), "“" + HEADER_OF.getOrDefault(prop, prop) + "”" + w.zh(),
                            HEADER_OF.getOrDefault(prop, prop) + " " + w.en());
                }
                RepresentativeService.semanticChecks(r, checks, p -> column(row.line(), p));
                if (r.constituencyCode() != null && r.constituencyCode().matches("\\d{12}") && !scope.maySee(r.constituencyCode())) {
                    checks.add(column(row.line(), "constituencyCode"), "选区不在您的管辖范围内", "the constituency is outside your scope");
                }
                if (r.phone() != null && !r.phone().isBlank()) {
                    if (!phones.add(r.phone())) {
                        checks.add(column(row.line(), "phone"), "手机号在文件中重复", "the phone number appears twice in the file");
                    } else if (representatives.phoneTaken(r.phone(), null)) {
                        checks.add(column(row.line(), "phone"), "手机号已登记给另一位代表", "the phone number is already registered");
                    }
                }
                if (r.id() != null && (!ids.add(r.id()) || Representative.findById(r.id()) != null)) {
                    checks.add(column(row.line(), "id"), "编号重复或已登记", "the id is repeated or already registered");
                }
            }
            int line = row.line();
            checks.errors().forEach(e -> errors.add(Problem.FieldError.of(e.field(),
                    "第 " + line + " 行：" + e.messageZh(), "line " + line + ": " + e.messageEn())));
            requests.add(r);
        }
        if (!errors.isEmpty()) {
            long badLines = errors.stream().map(e -> e.field().substring(0, e.field().indexOf(']'))).distinct().count();
            throw new ProblemException(Problem.of("roster-rejected", 422, "名册有误，未导入任何记录",
                    "Roster rejected; nothing was imported",
                    "共 " + badLines + " 行有误，请改正后重新上传整个文件",
                    badLines + " row(s) are wrong; correct them and upload the whole file again", errors));
        }
        List<Representative> created = new ArrayList<>();
        for (RepresentativeRequest r : requests) {
            created.add(representatives.registerChecked(r, actor));
        }
        return created;
    }

    private static RepresentativeRequest toRequest(Csv.Row row, Map<String, Integer> index, Checks checks) {
        Map<String, String> v = new HashMap<>();
        COLUMNS.forEach((h, p) -> {
            Integer i = index.get(h);
            String cell = i == null || i >= row.cells().size() ? null : row.cells().get(i).trim();
            v.put(p, cell == null || cell.isEmpty() ? null : cell);
        });
        int line = row.line();
        RepresentativeKind kind = oneOf(v.get("kind"), RosterImport::kind, line, "kind", checks,
                "类别“%s”无效，应为人大代表、党代表或政协委员", "unknown kind '%s'; use 人大代表, 党代表 or 政协委员");
        RepresentativeLevel level = oneOf(v.get("level"), RosterImport::level, line, "level", checks,
                "级别“%s”无效，应为市级或区级", "unknown level '%s'; use 市级 or 区级");
        LocalDate start = date(v.get("termStart"), line, "termStart", checks);
        LocalDate end = date(v.get("termEnd"), line, "termEnd", checks);
        UUID id = null;
        if (v.get("id") != null) {
            try {
                id = UUID.fromString(v.get("id"));
            } catch (IllegalArgumentException e) {
                checks.add(column(line, "id"), "编号格式不正确", "the id is not a UUID");
            }
        }
        // Missing values are left null so Bean Validation reports them as required, like the JSON API.
        boolean kindBad = v.get("kind") != null && kind == null;
        boolean startBad = v.get("termStart") != null && start == null;
        boolean endBad = v.get("termEnd") != null && end == null;
        RepresentativeRequest r = new RepresentativeRequest(id, v.get("name"), kind, level, start, end,
                v.get("constituencyCode"), v.get("liaisonStation"), v.get("phone"), v.get("email"),
                v.get("userSubject"), null);
        if (kindBad || startBad || endBad) {
            // Still validate the rest of the row so every problem of the line is reported at once.
            return new RepresentativeRequest(id, v.get("name"), kindBad ? RepresentativeKind.NPC_DEPUTY : kind,
                    kindBad ? RepresentativeLevel.CITY : level, startBad ? LocalDate.MIN : start,
                    endBad ? LocalDate.MAX : end, v.get("constituencyCode"), v.get("liaisonStation"),
                    v.get("phone"), v.get("email"), v.get("userSubject"), null);
        }
        return r;
    }

    static String column(int line, String property) {
        return "lines[" + line + "]." + HEADER_OF.getOrDefault(property, property);
    }

    /** A cell naming one of a few values: null when empty; when {@code parse} knows it not, null and an error. */
    private static <T> T oneOf(String s, Function<String, T> parse, int line, String prop, Checks checks,
            String zhFormat, String enFormat) {
        if (s == null) {
            return null;
        }
        T value = parse.apply(s);
        if (value == null) {
            checks.add(column(line, prop), zhFormat.formatted(s), enFormat.formatted(s));
        }
        return value;
    }

    private static LocalDate date(String s, int line, String prop, Checks checks) {
        if (s == null) {
            return null;
        }
        Matcher m = DATE.matcher(s);
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (java.time.DateTimeException e) {
                // falls through to the error below
            }
        }
        checks.add(column(line, prop), "日期“" + s + "”无效，应为 2026-01-31 这样的格式",
                "invalid date '" + s + "'; use the form 2026-01-31");
        return null;
    }

    static RepresentativeKind kind(String s) {
        return switch (s) {
            case "人大代表", "市人大代表", "区人大代表", "NPC_DEPUTY" -> RepresentativeKind.NPC_DEPUTY;
            case "党代表", "PARTY_DELEGATE" -> RepresentativeKind.PARTY_DELEGATE;
            case "政协委员", "CPPCC_MEMBER" -> RepresentativeKind.CPPCC_MEMBER;
            default -> null;
        };
    }

    static RepresentativeLevel level(String s) {
        return switch (s) {
            case "市级", "市", "CITY" -> RepresentativeLevel.CITY;
            case "区级", "区", "DISTRICT" -> RepresentativeLevel.DISTRICT;
            default -> null;
        };
    }

    /** What a violated constraint says about a column, in Chinese and in English. */
    private record Wording(String zh, String en) {
    }

    private static Wording wording(ConstraintViolation<?> v) {
        String a = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (a) {
            case "NotNull", "NotBlank" -> new Wording("必填", "is required");
            case "Size" -> {
                Object max = v.getConstraintDescriptor().getAttributes().get("max");
                yield new Wording("过长（最多 " + max + " 个字符）", "is too long (at most " + max + " characters)");
            }
            case "Pattern" -> new Wording("格式不正确", "has an invalid format");
            case "Email" -> new Wording("不是有效的电子邮件地址", "is not a valid e-mail address");
            default -> new Wording("无效", "is invalid");
        };
    }

    /** Strict UTF-8 (a GBK file from an old spreadsheet is refused, not imported as mojibake); BOM dropped. */
    private static String decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.validation("file", "文件为空", "the file is empty");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw ProblemException.validation("file", "文件不是 UTF-8 编码，请在表格软件中另存为“CSV UTF-8”",
                    "the file is not UTF-8; save it as 'CSV UTF-8'");
        }
    }
}
