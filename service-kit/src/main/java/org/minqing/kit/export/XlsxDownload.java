package org.minqing.kit.export;

import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * An XLSX download as a JAX-RS answer: the body is written while it is sent (validate the
 * request before, since a problem cannot be answered once the rows flow). The file name is
 * Chinese in {@code filename*} (RFC 6266) with an ASCII fallback; never cached.
 */
public final class XlsxDownload {

    private XlsxDownload() {
    }

    /** {@code body} writes the workbook to the stream (e.g. with {@link XlsxWriter#open}). */
    public static Response of(String asciiName, String fileName, Consumer<OutputStream> body) {
        StreamingOutput out = body::accept;
        String encoded = URLEncoder.encode(fileName + ".xlsx", StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(out, XlsxWriter.CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + asciiName + ".xlsx\"; filename*=UTF-8''" + encoded)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
