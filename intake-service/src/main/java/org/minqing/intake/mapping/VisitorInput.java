package org.minqing.intake.mapping;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.intake.config.ResidentIdNumber;

/** A visitor (来访人) as entered at the desk; every field optional, all of it encrypted at rest. */
public record VisitorInput(
        @Size(max = 50) String name,
        @Pattern(regexp = "1[3-9]\\d{9}", message = "须为11位大陆手机号码 / must be an 11-digit mainland mobile number") String phone,
        @ResidentIdNumber String idNumber,
        @Email @Size(max = 200) String email) {

    public boolean identifies() {
        return notBlank(name) || notBlank(phone) || notBlank(idNumber) || notBlank(email);
    }

    public boolean reachable() {
        return notBlank(phone) || notBlank(email);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
