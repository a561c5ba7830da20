package org.minqing.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A docker-archive image tar (what ImageBuilder writes), read without an engine. */
final class ImageTar {

    /** One file, directory or link of a layer, as the layer's tar records it. */
    record Entry(String path, int mode, long uid, long gid, boolean directory, boolean symlink, String linkName, long size) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    final Path tar;
    final JsonNode manifest;
    final JsonNode config;
    final List<String> layers = new ArrayList<>();

    ImageTar(Path tar) throws IOException {
        this.tar = tar;
        this.manifest = JSON.readTree(member("manifest.json")).get(0);
        this.config = JSON.readTree(member(manifest.get("Config").asText()));
        manifest.get("Layers").forEach(l -> layers.add(l.asText()));
    }

    static Path dir() {
        return Path.of(System.getProperty("minqing.images.dir", "target"));
    }

    static ImageTar of(String service) throws IOException {
        return new ImageTar(dir().resolve(service + ".tar"));
    }

    String repoTag() {
        return manifest.get("RepoTags").get(0).asText();
    }

    JsonNode containerConfig() {
        return config.get("config");
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        containerConfig().get("Env").forEach(e -> {
            String s = e.asText();
            env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        });
        return env;
    }

    List<String> entrypoint() {
        List<String> list = new ArrayList<>();
        containerConfig().path("Entrypoint").forEach(n -> list.add(n.asText()));
        return list;
    }

    List<String> cmd() {
        List<String> list = new ArrayList<>();
        containerConfig().path("Cmd").forEach(n -> list.add(n.asText()));
        return list;
    }

    /** Every entry of every layer, in layer order (a later entry for the same path wins). */
    Map<String, Entry> files() throws IOException {
        Map<String, Entry> files = new LinkedHashMap<>();
        for (String layer : layers) {
            try (TarArchiveInputStream outer = open()) {
                TarArchiveEntry e;
                while ((e = outer.getNextEntry()) != null) {
                    if (!e.getName().equals(layer)) {
                        continue;
                    }
                    try (TarArchiveInputStream in = new TarArchiveInputStream(maybeGunzip(new BufferedInputStream(outer)))) {
                        TarArchiveEntry f;
                        while ((f = in.getNextEntry()) != null) {
                            String path = "/" + f.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                            files.put(path, new Entry(path, f.getMode(), f.getLongUserId(), f.getLongGroupId(), f.isDirectory(),
                                    f.isSymbolicLink(), f.getLinkName(), f.getSize()));
                        }
                    }
                    break;
                }
            }
        }
        return files;
    }

    /** Unpacks the layers in order into {@code dir} with the machine's tar, keeping owners and modes. */
    void unpack(Path dir) throws IOException, InterruptedException {
        Path blobs = Files.createTempDirectory(dir.getParent(), "layers-");
        try {
            run(List.of("tar", "-xf", tar.toString(), "-C", blobs.toString()));
            Files.createDirectories(dir);
            for (String layer : layers) {
                run(List.of("tar", "--numeric-owner", "--same-owner", "--same-permissions", "-xzf",
                        blobs.resolve(layer).toString(), "-C", dir.toString()));
            }
        } finally {
            run(List.of("rm", "-rf", blobs.toString()));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }

    private byte[] member(String name) throws IOException {
        try (TarArchiveInputStream in = open()) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException(name + " not in " + tar);
    }

    private TarArchiveInputStream open() throws IOException {
        return new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)));
    }

    private static InputStream maybeGunzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
    }
}
