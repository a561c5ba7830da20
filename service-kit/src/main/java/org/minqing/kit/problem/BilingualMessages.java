package org.minqing.kit.problem;

import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.metadata.ConstraintDescriptor;

/**
 * Chinese and English for Bean Validation failures. Standard constraints get fixed wording from
 * their attributes; our own constraints write their message as "中文 / English" and are split.
 */
final class BilingualMessages {

    private BilingualMessages() {
    }

    static Problem.FieldError of(String field, ConstraintViolation<?> v) {
        ConstraintDescriptor<?> d = v.getConstraintDescriptor();
        Map<String, Object> a = d.getAttributes();
        String template = v.getMessageTemplate();
        if (!template.startsWith("{jakarta.validation") && !template.startsWith("{org.hibernate")) {
            String message = v.getMessage();
            int slash = message.indexOf(" / ");
            return slash > 0
                    ? Problem.FieldError.of(field, message.substring(0, slash), message.substring(slash + 3))
                    : Problem.FieldError.of(field, message, message);
        }
        String name = d.getAnnotation().annotationType().getSimpleName();
        return switch (name) {
            case "NotNull" -> Problem.FieldError.of(field, "必填", "is required");
            case "NotBlank", "NotEmpty" -> Problem.FieldError.of(field, "不能为空", "must not be empty");
            case "Size", "Length" -> size(field, a);
            case "Min", "DecimalMin" -> Problem.FieldError.of(field, "不能小于 " + a.get("value"), "must be at least " + a.get("value"));
            case "Max", "DecimalMax" -> Problem.FieldError.of(field, "不能大于 " + a.get("value"), "must be at most " + a.get("value"));
            case "Positive" -> Problem.FieldError.of(field, "必须大于 0", "must be greater than 0");
            case "PositiveOrZero" -> Problem.FieldError.of(field, "不能为负数", "must not be negative");
            case "Pattern" -> Problem.FieldError.of(field, "格式不正确", "has an invalid format");
            case "Email" -> Problem.FieldError.of(field, "不是有效的电子邮件地址", "is not a valid e-mail address");
            case "Past", "PastOrPresent" -> Problem.FieldError.of(field, "不能是将来的时间", "must not be in the future");
            case "Future", "FutureOrPresent" -> Problem.FieldError.of(field, "不能是过去的时间", "must not be in the past");
            default -> Problem.FieldError.of(field, "值无效", "is invalid: " + v.getMessage());
        };
    }

    private static Problem.FieldError size(String field, Map<String, Object> a) {
        Object min = a.get("min");
        Object max = a.get("max");
        boolean noMin = min == null || Integer.valueOf(0).equals(min);
        boolean noMax = max == null || Integer.valueOf(Integer.MAX_VALUE).equals(max);
        if (noMin) {
            return Problem.FieldError.of(field, "长度不能超过 " + max, "must have at most " + max + " characters or items");
        }
        if (noMax) {
            return Problem.FieldError.of(field, "长度不能少于 " + min, "must have at least " + min + " characters or items");
        }
        return Problem.FieldError.of(field, "长度须在 " + min + " 到 " + max + " 之间",
                "must have between " + min + " and " + max + " characters or items");
    }
}
