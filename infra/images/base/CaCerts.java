import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Java trust store that Debian's ca-certificates-java would write in its maintainer script:
 * every certificate of the ca-certificates package, as /etc/ssl/certs/java/cacerts (PKCS12,
 * password "changeit", which the JDK reads without being told). Run by build-base.sh with the
 * single-file launcher: {@code java CaCerts.java CERT_DIR OUT_FILE}.
 */
public class CaCerts {

    public static void main(String[] args) throws Exception {
        // No random salt (the certificates are public) and no MAC (the file sits in a read-only
        // image): the same certificates give the same bytes, so the base layer is reproducible.
        System.setProperty("keystore.pkcs12.certProtectionAlgorithm", "NONE");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Path> certs;
        try (Stream<Path> files = Files.walk(dir)) {
            certs = files.filter(p -> p.toString().endsWith(".crt")).sorted().toList();
        }
        for (Path cert : certs) {
            try (InputStream in = Files.newInputStream(cert)) {
                X509Certificate c = (X509Certificate) factory.generateCertificate(in);
                String alias = cert.getFileName().toString().replaceFirst("\\.crt$", "").toLowerCase(Locale.ROOT) + " [debian]";
                store.setCertificateEntry(alias, c);
            }
        }
        if (certs.isEmpty()) {
            throw new IllegalStateException("no certificates under " + dir);
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            store.store(os, "changeit".toCharArray());
        }
        System.out.println("CaCerts: " + certs.size() + " certificates in " + out);
    }
}
