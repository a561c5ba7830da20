package org.minqing.intake.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An 18-digit resident identity number (居民身份证号码, GB 11643) with a valid ISO 7064 MOD 11-2 check digit. */
@Documented
@Constraint(validatedBy = ResidentIdNumber.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ResidentIdNumber {
    String message() default "不是有效的18位身份证号码（校验位不符） / is not a valid 18-digit resident ID number (check digit)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ResidentIdNumber, String> {
        private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        private static final String CHECK = "10X98765432";

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || valid(value);
        }

        public static boolean valid(String value) {
            if (!value.matches("\\d{17}[0-9Xx]")) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (value.charAt(i) - '0') * WEIGHTS[i];
            }
            return Character.toUpperCase(value.charAt(17)) == CHECK.charAt(sum % 11);
        }
    }
}
