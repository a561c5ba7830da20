package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minqing.notification.service.NoticePlanner;
import org.minqing.notification.service.TemplateRenderer;
import org.minqing.notification.service.TemplateRenderer.Rendered;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Every routed event type × recipient × channel has a Chinese template and an English fallback that render. */
@QuarkusTest
class TemplateRenderingTest {

    @Inject
    TemplateRenderer renderer;

    @Inject
    NoticePlanner planner;

    @Inject
    EntityManager em;

    static Map<String, Object> sample() {
        Map<String, Object> m = new HashMap<>(NoticePlanner.params("communityCode", "310104001001", "date", "2026年3月15日",
                "startTime", "09:00", "endTime", "11:30", "place", "泾水公寓居委会活动室", "reason", "台风预警",
                "caseId", "C-1", "referralId", "R-1", "unitName", "街道房管办", "route", "街道职能部门办理",
                "dueDate", "2026-04-01", "deadlineKind", "办理时限", "workingDaysLeft", "3", "fromTier", "街道",
                "toTier", "区", "repeatCaseId", "C-2", "repeatCount", "4", "priority", "5", "receiptCode", "MQ8K2P",
                "recordedDate", "2026年3月15日", "statusUrl", "https://minqing.example/public#code=MQ8K2P",
                "feedbackUrl", "https://minqing.example/public#code=MQ8K2P", "days", "30", "resolveBy", "2026-05-30",
                "reply", "已协调规划部门复核", "repliedAt", "2026年4月1日", "recipientName", "王建国", "note", "请加快办理",
                "respondBy", "2026-04-08"));
        return m;
    }

    @Test
    void everyRoutedNoticeRendersInChineseAndEnglish() {
        @SuppressWarnings("unchecked")
        List<Object[]> rules = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select event_type, recipient_kind, channels from routing_rule").getResultList());
        assertThat(rules).hasSizeGreaterThanOrEqualTo(17);
        for (Object[] r : rules) {
            for (String ch : ((String) r[2]).split(",")) {
                Channel channel = Channel.valueOf(ch);
                Rendered zh = renderer.render((String) r[0], (String) r[1], channel, null, sample());
                Rendered en = renderer.render((String) r[0], (String) r[1], channel, "en", sample());
                String what = r[0] + "/" + r[1] + "/" + ch;
                assertThat(zh.language()).as(what).isEqualTo("zh");
                assertThat(en.language()).as(what).isEqualTo("en");
                assertThat(zh.body()).as(what).isNotBlank().containsPattern("\\p{IsHan}");
                assertThat(en.body()).as(what).isNotBlank().doesNotContain("NOT_FOUND");
                if (channel != Channel.SMS) {
                    assertThat(zh.subject()).as(what).isNotBlank();
                    assertThat(en.subject()).as(what).isNotBlank();
                }
            }
        }
    }

    @Test
    void theContentCarriesTheFactsOfTheEvent() {
        Rendered extended = renderer.render("referral.referral.extended", "VISITOR", Channel.SMS, null, sample());
        assertThat(extended.body()).contains("延期30天").contains("台风预警").contains("MQ8K2P").contains("2026-05-30");
        Rendered replied = renderer.render("referral.referral.replied", "VISITOR", Channel.EMAIL, null, sample());
        assertThat(replied.subject()).isEqualTo("【答复告知】您反映的事项已有答复（回执码 MQ8K2P）");
        assertThat(replied.body()).contains("已协调规划部门复核").contains("https://minqing.example/public#code=MQ8K2P");
        Rendered toRep = renderer.render("referral.referral.replied", "REPRESENTATIVE", Channel.EMAIL, null, sample());
        assertThat(toRep.subject()).contains("建议答复");
        Rendered liaison = renderer.render("representative.reception-day.scheduled", "LIAISON_OFFICER", Channel.SMS, null,
                sample());
        assertThat(liaison.body()).contains("请告知居民");
        Rendered rep = renderer.render("representative.reception-day.scheduled", "REPRESENTATIVE", Channel.EMAIL, "en",
                sample());
        assertThat(rep.subject()).isEqualTo("Reception day on 2026年3月15日: you are on the roster");
        // an unknown language falls back to Chinese
        assertThat(renderer.render("referral.referral.overdue", "SUPERVISOR", Channel.EMAIL, "fr", sample()).subject())
                .isEqualTo("【督办】案件 C-1 已超期");
    }
}
