package org.minqing.events.referral;

/** The path a case takes to whoever can act on it (转办途径), by remit. */
public enum Route {
    /** 社区直接办理 */
    COMMUNITY,
    /** 街道职能部门（按条线） */
    SUBDISTRICT_DEPARTMENT,
    /** 代表直接联系承办单位 */
    REPRESENTATIVE_CONTACT,
    /** 闭会期间代表意见建议 */
    INTER_SESSION_SUGGESTION,
    /** 人代会建议 */
    SESSION_SUGGESTION
}
