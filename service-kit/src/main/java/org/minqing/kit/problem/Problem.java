package org.minqing.kit.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code title} and {@code detail} carry Chinese first and English
 * second ("中文 / English"); the {@code *Zh}/{@code *En} members give each language alone for
 * clients that show one. {@code errors} names each offending field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String titleZh,
        String titleEn,
        String detailZh,
        String detailEn,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://minqing.org/problems/";

    public static Problem of(String slug, int status, String titleZh, String titleEn, String detailZh, String detailEn,
            List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + slug, titleZh + " / " + titleEn, status,
                detailZh == null ? null : detailZh + " / " + detailEn, null,
                titleZh, titleEn, detailZh, detailEn, errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, titleZh, titleEn, detailZh, detailEn, errors);
    }

    /** One offending field: its name (JSON path as the client sent it) and why, in both languages. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String messageZh, String messageEn) {
        public static FieldError of(String field, String zh, String en) {
            return new FieldError(field, zh + " / " + en, zh, en);
        }
    }
}
