package org.minqing.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The realm as the suite imports it: infra/keycloak/minqing-realm.json with the e2e console's
 * origin added to the public {@code console} client. Keycloak derives the client's CORS origins
 * ("+") from its redirect URIs and allows a wildcard only at their end, so the origin must be
 * listed with its port (http://127.0.0.1:PORT/*); the suite's console port is chosen per run.
 */
final class RealmCopy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealmCopy() {
    }

    static String admitConsoleOrigin(Path realmFile, String origin) {
        try {
            ObjectNode realm = (ObjectNode) JSON.readTree(realmFile.toFile());
            ObjectNode console = null;
            for (JsonNode c : realm.withArray("clients")) {
                if ("console".equals(c.path("clientId").asText())) {
                    console = (ObjectNode) c;
                }
            }
            if (console == null) {
                throw new IllegalStateException("no client 'console' in " + realmFile);
            }
            ArrayNode redirects = console.withArray("redirectUris");
            redirects.add(origin + "/*");
            ObjectNode attributes = console.withObject("/attributes");
            String logout = attributes.path("post.logout.redirect.uris").asText("");
            attributes.put("post.logout.redirect.uris", logout.isEmpty() ? origin + "/*" : logout + "##" + origin + "/*");
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
