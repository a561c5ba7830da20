package org.minqing.representative;

/** Kinds of duty record in the archive (履职类型); labels mirror the duty_type reference table. */
public enum DutyType {
    VOTER_CONTACT("联系选民"),
    SURVEY("调研"),
    VISIT("走访"),
    SYMPOSIUM("座谈"),
    INSPECTION("视察"),
    CHECK("检查"),
    RECEPTION("接待来访"),
    SUGGESTION("意见建议");

    private final String labelZh;

    DutyType(String labelZh) {
        this.labelZh = labelZh;
    }

    public String labelZh() {
        return labelZh;
    }
}
