package org.minqing.representative.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.kit.scope.Jurisdiction;
import org.minqing.representative.ReceptionDay;
import org.minqing.representative.Representative;
import org.minqing.representative.RosterSlot;
import org.minqing.representative.mapping.Labels;
import org.minqing.representative.mapping.Views.DeclinedEntry;
import org.minqing.representative.mapping.Views.NoticeView;
import org.minqing.representative.mapping.Views.Receiver;
import org.minqing.representative.mapping.Views.RosterView;
import org.minqing.representative.mapping.Views.SignInRow;
import org.minqing.representative.mapping.Views.SignInSheetView;

/**
 * What the printed documents of a reception day need: the notice for residents (接访公告: when,
 * where, who receives) and the sign-in sheet (签到表). Names and kinds only, never contact data;
 * a representative the caller may not be told about (L10) is left out, as in the day's view.
 */
@ApplicationScoped
public class ReceptionDayDocuments {

    private static final String[] WEEKDAYS = { "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日" };

    /** Printed order: 人大代表, 党代表, 政协委员, then by name. */
    private static final Comparator<RosterView> PRINT_ORDER = Comparator
            .comparing((RosterView r) -> r.kind().ordinal()).thenComparing(RosterView::name);

    @Inject
    ReceptionDayService days;

    public NoticeView notice(ReceptionDay d) {
        List<Receiver> receivers = present(d).stream().filter(r -> !RosterSlot.DECLINED.equals(r.status()))
                .sorted(PRINT_ORDER)
                .map(r -> new Receiver(r.name(), r.kind(), Labels.kind(r.kind(), r.level()), r.level())).toList();
        return new NoticeView(d.id, d.communityCode, Jurisdiction.parent(d.communityCode), d.date, weekday(d.date),
                d.startTime, d.endTime, d.place, d.status, d.cancelReason, receivers);
    }

    public SignInSheetView signInSheet(ReceptionDay d) {
        List<RosterView> roster = present(d);
        Map<UUID, Representative> reps = new HashMap<>();
        if (!roster.isEmpty()) {
            Representative.<Representative>list("id in ?1", roster.stream().map(RosterView::representativeId).toList())
                    .forEach(r -> reps.put(r.id, r));
        }
        List<SignInRow> rows = new ArrayList<>();
        for (RosterView r : roster.stream().filter(r -> !RosterSlot.DECLINED.equals(r.status())).sorted(PRINT_ORDER).toList()) {
            Representative rep = reps.get(r.representativeId());
            rows.add(new SignInRow(rows.size() + 1, r.representativeId(), r.name(), r.kind(), Labels.kind(r.kind(), r.level()),
                    r.level(), rep == null ? null : rep.liaisonStation, r.status(), r.attended(), r.absent()));
        }
        List<DeclinedEntry> declined = roster.stream().filter(r -> RosterSlot.DECLINED.equals(r.status())).sorted(PRINT_ORDER)
                .map(r -> new DeclinedEntry(r.representativeId(), r.name(), Labels.kind(r.kind(), r.level()), r.declineReason()))
                .toList();
        return new SignInSheetView(d.id, d.communityCode, Jurisdiction.parent(d.communityCode), d.date, weekday(d.date),
                d.startTime, d.endTime, d.place, d.status, d.cancelReason, rows, declined);
    }

    /** The roster as the caller may see it (names withheld by L10 are dropped). */
    private List<RosterView> present(ReceptionDay d) {
        return days.view(d).roster().stream().filter(r -> r.name() != null && r.kind() != null).toList();
    }

    static String weekday(LocalDate date) {
        return WEEKDAYS[date.getDayOfWeek().getValue() - 1];
    }
}
