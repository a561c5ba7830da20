package org.minqing.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.minqing.notification.Channel;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Renders notices from Qute templates (通知模板), Simplified Chinese first, English as fallback.
 * Templates live in {@code templates/notice/<event-type>/<channel>_<lang>.txt}, with an optional
 * recipient-specific variant {@code <recipient-kind>-<channel>_<lang>.txt}. For e-mail and in-app
 * the first line is the subject (title), the rest the body.
 */
@ApplicationScoped
public class TemplateRenderer {

    public static final String ZH = "zh";
    public static final String EN = "en";

    @Inject
    Engine engine;

    public record Rendered(String subject, String body, String language) {
    }

    public Rendered render(String eventType, String recipientKind, Channel channel, String preferredLanguage,
            Map<String, Object> data) {
        for (String lang : languages(preferredLanguage)) {
            for (String name : List.of(recipientKind.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + channelName(channel),
                    channelName(channel))) {
                Template t = engine.getTemplate("notice/" + eventType + "/" + name + "_" + lang + ".txt");
                if (t != null) {
                    TemplateInstance i = t.instance();
                    data.forEach(i::data);
                    String text = i.render().strip();
                    if (channel == Channel.SMS) {
                        return new Rendered(null, text, lang);
                    }
                    int nl = text.indexOf('\n');
                    return nl < 0 ? new Rendered(text, "", lang)
                            : new Rendered(text.substring(0, nl).strip(), text.substring(nl + 1).strip(), lang);
                }
            }
        }
        throw new IllegalStateException("no template for " + eventType + " / " + recipientKind + " / " + channel);
    }

    public boolean exists(String eventType, Channel channel) {
        return engine.getTemplate("notice/" + eventType + "/" + channelName(channel) + "_" + ZH + ".txt") != null;
    }

    private static List<String> languages(String preferred) {
        List<String> langs = new ArrayList<>();
        if (preferred != null && preferred.toLowerCase(Locale.ROOT).startsWith("en")) {
            langs.add(EN);
        }
        langs.add(ZH);
        langs.add(EN);
        return langs;
    }

    private static String channelName(Channel channel) {
        return switch (channel) {
            case EMAIL -> "email";
            case SMS -> "sms";
            case IN_APP -> "inapp";
        };
    }
}
