package org.minqing.kit.piece;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Issue 14: a piece other than the district's root piece consumes with its own groups,
 * {@code <group>-<piece id>} for every incoming channel (e.g. {@code referral-service-sd-310104001}),
 * so that it never shares partitions with the district's consumers; the root piece keeps the plain
 * names of application.properties. Ordinal 275: above application.properties (250), below the
 * environment (300), so an operator can still name a group explicitly (the start-up check of
 * {@link Ownership} refuses one that is not the piece's own).
 */
public class PieceConsumerGroups implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    private static final Pattern CHANNEL = Pattern.compile("^mp\\.messaging\\.incoming\\.([^.%]+)\\.connector$");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Piece piece = Piece.of(value(context, Piece.TABLE_KEY).orElse(""), value(context, Piece.ID_KEY),
                value(context, Piece.SCOPE_KEY));
        String suffix = piece.groupSuffix();
        Map<String, String> properties = new TreeMap<>();
        if (!suffix.isEmpty() && piece.table().problems().isEmpty()) {
            String app = value(context, "quarkus.application.name").orElse("minqing");
            for (Iterator<String> names = context.iterateNames(); names.hasNext();) {
                Matcher m = CHANNEL.matcher(names.next());
                if (m.matches()) {
                    String key = "mp.messaging.incoming." + m.group(1) + ".group.id";
                    String group = value(context, key).orElse(app);
                    properties.put(key, group.endsWith(suffix) ? group : group + suffix);
                }
            }
        }
        return List.of(new PropertiesConfigSource(properties, "minqing-piece-consumer-groups", ORDINAL));
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? Optional.empty() : Optional.of(v.getValue());
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
