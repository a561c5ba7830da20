package org.minqing.kit.problem;

import java.util.Collection;
import java.util.List;

/** Thrown anywhere in a request to answer with a problem+json of the given status. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.titleEn() + (problem.detailEn() == null ? "" : ": " + problem.detailEn()), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException validation(String field, String zh, String en) {
        return validation(List.of(Problem.FieldError.of(field, zh, en)));
    }

    public static ProblemException validation(Collection<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("validation", 400, "请求数据无效", "Invalid request data",
                "请修改所列字段后重试", "correct the listed fields and try again", List.copyOf(errors)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of("not-found", 404, "未找到", "Not found",
                "未找到该" + what + "，或您无权查看", "no such " + what + " within your scope", null));
    }

    public static ProblemException forbidden(String zh, String en) {
        return new ProblemException(Problem.of("forbidden", 403, "无权操作", "Forbidden", zh, en, null));
    }

    public static ProblemException conflict(String slug, String zh, String en) {
        return new ProblemException(Problem.of(slug, 409, "与当前状态冲突", "Conflict with the current state", zh, en, null));
    }

    public static ProblemException conflict(String slug, String zh, String en, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(slug, 409, "与当前状态冲突", "Conflict with the current state", zh, en, errors));
    }

    public static ProblemException unprocessable(String slug, String field, String zh, String en) {
        return new ProblemException(Problem.of(slug, 422, "无法处理的请求", "Unprocessable request", zh, en,
                List.of(Problem.FieldError.of(field, zh, en))));
    }

    public static ProblemException tooManyRequests() {
        return new ProblemException(Problem.of("rate-limited", 429, "请求过于频繁", "Too many requests",
                "请稍后再试", "please try again later", null));
    }
}
