package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.testing.DemoRealm.C11;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.NativeKafka;

/**
 * The phone and ID numbers a visitor gives, and the receipt code (回执码, the resident's credential:
 * M3/L7), are never stored, published or logged in plain text.
 */
@Order(3)
class PersonalDataScanTest {

    @Test
    void phoneAndIdNumberAppearInNoTableTopicOrLog() throws Exception {
        E2ePlatform p = Api.platform();
        String phone = Api.freshPhone();
        String idNumber = Api.freshIdNumber();
        Map<String, Object> body = Api.hotlineCase(C11, "environment", "夜间施工噪音扰民，影响休息", phone, idNumber);
        io.restassured.response.Response recorded = Api.recordCase("c11.staff", body).then().statusCode(201).extract().response();
        String caseId = recorded.path("id");
        String code = recorded.path("receiptCode");
        List<String> secrets = List.of(phone, idNumber, code, code.replace("-", ""));
        // Let the case travel: referred, and the acknowledgement sent to that phone (so notification used it).
        eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1);
        eventually().untilAsserted(() -> assertThat(p.sms.sentBodies()).anySatisfy(b -> assertThat(b).contains(phone).contains(code)));
        // The staff view in scope shows it in full (it is really there, encrypted).
        Api.as("c11.staff").get(Api.url("intake", "/cases/" + caseId)).then().statusCode(200);

        List<String> leaks = new ArrayList<>();
        for (String svc : E2ePlatform.SERVICES) {
            leaks.addAll(scanDatabase(svc, secrets));
        }
        for (String topic : NativeKafka.shared().topics()) {
            Kafka.readAll(topic).forEach(r -> {
                String v = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                String k = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    if (v.contains(secret) || k.contains(secret)) {
                        leaks.add("topic " + topic + " offset " + r.offset());
                    }
                }
            });
        }
        try (Stream<Path> logs = Files.list(p.logs)) {
            for (Path log : logs.filter(f -> !f.getFileName().toString().startsWith("keycloak")).toList()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        leaks.add("log " + log.getFileName());
                    }
                }
            }
        }
        assertThat(leaks).as("plain-text personal data").isEmpty();
    }

    private static List<String> scanDatabase(String service, List<String> secrets) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = Db.open(service)) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select table_schema, table_name, column_name from information_schema.columns "
                    + "where table_schema not in ('pg_catalog','information_schema') "
                    + "and data_type in ('text','character varying','character','json','jsonb','ARRAY')");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
                }
            }
            assertThat(columns).as("text columns of " + service).isNotEmpty();
            for (String[] col : columns) {
                String sql = "select count(*) from \"" + col[0] + "\".\"" + col[1] + "\" where "
                        + String.join(" or ", java.util.Collections.nCopies(secrets.size(), "\"" + col[2] + "\"::text like ?"));
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < secrets.size(); i++) {
                        ps.setString(i + 1, "%" + secrets.get(i) + "%");
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(service + "." + col[1] + "." + col[2]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
