package org.minqing.notification;

/** Kinds of recipient (收件人类别) the routing table names. */
public final class RecipientKind {
    public static final String REPRESENTATIVE = "REPRESENTATIVE";
    public static final String LIAISON_OFFICER = "LIAISON_OFFICER";
    public static final String UNIT = "UNIT";
    public static final String SUPERVISOR = "SUPERVISOR";
    /** The resident (来访人); reached only through intake-service at send time. */
    public static final String VISITOR = "VISITOR";

    private RecipientKind() {
    }
}
