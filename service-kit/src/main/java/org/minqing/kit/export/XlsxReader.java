package org.minqing.kit.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XLSX back into text cells, sheet name → rows (tests and checks of exports). Knows inline
 * strings, shared strings and numbers; an empty cell between filled ones reads as "".
 */
public final class XlsxReader {

    private XlsxReader() {
    }

    public static Map<String, List<List<String>>> read(byte[] xlsx) {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null;) {
                parts.put(e.getName(), zin.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!parts.containsKey("xl/workbook.xml")) {
            throw new IllegalArgumentException("not an XLSX: no xl/workbook.xml");
        }
        try {
            List<String> shared = parts.containsKey("xl/sharedStrings.xml") ? sharedStrings(parts.get("xl/sharedStrings.xml"))
                    : List.of();
            Map<String, String> rels = new HashMap<>();
            XMLStreamReader r = reader(parts.get("xl/_rels/workbook.xml.rels"));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")) {
                    rels.put(r.getAttributeValue(null, "Id"), r.getAttributeValue(null, "Target"));
                }
            }
            Map<String, List<List<String>>> out = new LinkedHashMap<>();
            r = reader(parts.get("xl/workbook.xml"));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheet")) {
                    String name = r.getAttributeValue(null, "name");
                    String id = r.getAttributeValue("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
                    String target = rels.get(id);
                    String path = target.startsWith("/") ? target.substring(1) : "xl/" + target;
                    out.put(name, sheet(parts.get(path), shared));
                }
            }
            return out;
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("unreadable XLSX: " + e.getMessage(), e);
        }
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        InputStream in = new ByteArrayInputStream(xml);
        return f.createXMLStreamReader(in, "UTF-8");
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        List<String> out = new ArrayList<>();
        XMLStreamReader r = reader(xml);
        StringBuilder b = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("si")) {
                b = new StringBuilder();
            } else if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("t") && b != null) {
                b.append(r.getElementText());
            } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("si")) {
                out.add(b.toString());
                b = null;
            }
        }
        return out;
    }

    private static List<List<String>> sheet(byte[] xml, List<String> shared) throws XMLStreamException {
        List<List<String>> rows = new ArrayList<>();
        XMLStreamReader r = reader(xml);
        List<String> row = null;
        String type = null;
        int col = 0;
        StringBuilder value = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> row = new ArrayList<>();
                    case "c" -> {
                        type = r.getAttributeValue(null, "t");
                        String ref = r.getAttributeValue(null, "r");
                        col = ref == null ? row.size() : columnIndex(ref);
                        value = new StringBuilder();
                    }
                    case "t", "v" -> value.append(r.getElementText());
                    default -> {
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("c")) {
                    while (row.size() < col) {
                        row.add("");
                    }
                    String v = value.toString();
                    row.add("s".equals(type) ? shared.get(Integer.parseInt(v)) : v);
                } else if (r.getLocalName().equals("row")) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static int columnIndex(String ref) {
        int n = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            n = n * 26 + (ref.charAt(i) - 'A' + 1);
        }
        return n - 1;
    }
}
