package org.minqing.intake;

/** Where a case stands (办理状态), as intake learns it from referral events. */
public enum CaseStatus {
    RECORDED("已登记", "Recorded"),
    REFERRING("转办中", "Being referred"),
    REFERRED("已转办", "Referred"),
    IN_PROGRESS("办理中", "Being handled"),
    REPLIED("已答复", "Replied"),
    /** The result was passed on to the visitor, whose rating is awaited. */
    INFORMED("已告知结果，待评价", "Visitor told the result; awaiting their rating"),
    CLOSED("已办结", "Closed");

    public final String zh;
    public final String en;

    CaseStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** Open311 knows only open and closed. */
    public String open311() {
        return this == CLOSED ? "closed" : "open";
    }
}
