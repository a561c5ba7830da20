package org.minqing.representative.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.kit.export.QueryCursor;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.representative.DutyType;
import org.minqing.representative.mapping.Labels;
import org.minqing.representative.mapping.Views.ArchivePage;
import org.minqing.representative.mapping.Views.ArchiveRow;

/**
 * The duty archive (履职档案) of every representative of a jurisdiction for a year, one row per
 * representative, counted by PostgreSQL in one query. The numbers mean what a single
 * representative's {@link SummaryService summary} means. Rows are read through a server-side
 * cursor, so the export of a large jurisdiction never holds them all.
 */
@ApplicationScoped
public class ArchiveReport {

    /** Rows fetched per round trip while streaming. */
    @Inject
    DataSource dataSource;

    /** The filter: representatives whose constituency lies within {@code scope}, optionally of one kind. */
    public record Filter(String scope, int year, RepresentativeKind kind) {
    }

    public ArchivePage page(Filter f, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from representative r where "
                    + "r.constituency_code between ? and ?" + (f.kind() == null ? "" : " and r.kind = ?"))) {
                ps.setString(1, Jurisdiction.lowest(f.scope()));
                ps.setString(2, Jurisdiction.highest(f.scope()));
                if (f.kind() != null) {
                    ps.setString(3, f.kind().name());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ArchiveRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql(f.kind() != null) + " limit ? offset ?")) {
                int i = bind(ps, f);
                ps.setInt(i++, size);
                ps.setLong(i, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return new ArchivePage(f.scope(), f.year(), total, page, size, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("duty archive report failed", e);
        }
    }

    /** Every row of the filter, one at a time, through a cursor ({@link QueryCursor}). */
    public void forEach(Filter f, Consumer<ArchiveRow> sink) {
        QueryCursor.forEach(dataSource, sql(f.kind() != null), params(f), rs -> sink.accept(row(rs)));
    }

    private static String sql(boolean byKind) {
        StringBuilder counts = new StringBuilder();
        StringBuilder cols = new StringBuilder();
        for (DutyType t : DutyType.values()) {
            counts.append(", count(*) filter (where type = '").append(t.name()).append("') c_").append(t.name().toLowerCase());
            cols.append(", coalesce(dr.c_").append(t.name().toLowerCase()).append(", 0)");
        }
        return """
                select r.id, r.name, r.kind, r.level, r.constituency_code, r.liaison_station, r.term_start, r.term_end,
                       r.active%s,
                       coalesce(rs.assigned, 0), coalesce(rs.attended, 0), coalesce(rs.absent, 0),
                       coalesce(dr.answered, 0), coalesce(dr.on_time, 0)
                from representative r
                left join (select representative_id%s,
                                  count(*) filter (where type = 'SUGGESTION' and answered) answered,
                                  count(*) filter (where type = 'SUGGESTION' and answered and answered_on_time) on_time
                           from duty_record
                           where day between ? and ?
                             and representative_id in (select id from representative where constituency_code between ? and ?)
                           group by representative_id) dr on dr.representative_id = r.id
                left join (select s.representative_id,
                                  count(*) filter (where s.status <> 'DECLINED') assigned,
                                  count(*) filter (where s.attended) attended,
                                  count(*) filter (where s.absent) absent
                           from roster_slot s join reception_day d on d.id = s.reception_day_id
                           where d.status = 'SCHEDULED' and d.day between ? and ?
                             and s.representative_id in (select id from representative where constituency_code between ? and ?)
                           group by s.representative_id) rs on rs.representative_id = r.id
                where r.constituency_code between ? and ?%s
                order by case r.kind when 'NPC_DEPUTY' then 1 when 'PARTY_DELEGATE' then 2 else 3 end, r.name, r.id"""
                .formatted(cols, counts, byKind ? " and r.kind = ?" : "");
    }

    /** Binds the filter's parameters in the order of {@link #sql}; returns the next parameter index. */
    /** The filter's values, in the order of {@link #sql}'s placeholders. */
    private static List<Object> params(Filter f) {
        LocalDate from = LocalDate.of(f.year(), 1, 1);
        LocalDate to = LocalDate.of(f.year(), 12, 31);
        String lo = Jurisdiction.lowest(f.scope());
        String hi = Jurisdiction.highest(f.scope());
        List<Object> p = new ArrayList<>(List.of(from, to, lo, hi, from, to, lo, hi, lo, hi));
        if (f.kind() != null) {
            p.add(f.kind().name());
        }
        return p;
    }

    private static int bind(PreparedStatement ps, Filter f) throws SQLException {
        List<Object> p = params(f);
        for (int i = 0; i < p.size(); i++) {
            ps.setObject(i + 1, p.get(i));
        }
        return p.size() + 1;
    }

    private static ArchiveRow row(ResultSet rs) throws SQLException {
        RepresentativeKind kind = RepresentativeKind.valueOf(rs.getString(3));
        String levelText = rs.getString(4);
        RepresentativeLevel level = levelText == null ? null : RepresentativeLevel.valueOf(levelText);
        int i = 10;
        Map<DutyType, Long> counts = new EnumMap<>(DutyType.class);
        for (DutyType t : DutyType.values()) {
            counts.put(t, rs.getLong(i++));
        }
        long assigned = rs.getLong(i++);
        long attended = rs.getLong(i++);
        long absent = rs.getLong(i++);
        long answered = rs.getLong(i++);
        long onTime = rs.getLong(i);
        return new ArchiveRow(rs.getObject(1, UUID.class), rs.getString(2), kind, Labels.kind(kind, level), level,
                rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                rs.getBoolean(9), counts, assigned, attended, absent, counts.get(DutyType.SUGGESTION), answered, onTime);
    }
}
