package org.hanzinet.data.ctw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one parsed JSON object into a {@link CtwImage}, checking every field it uses and naming the
 * field's JSON path on the first problem. Unknown fields are ignored.
 */
final class CtwRecordParser {
    /** A problem with one field; the reader adds file and line. */
    static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        FieldException(String field, String problem) {
            super(problem);
            this.field = field;
        }
    }

    private CtwRecordParser() {
    }

    static CtwImage parse(JsonNode root, CtwReadOptions.Selection selection) throws FieldException {
        if (!root.isObject()) {
            throw new FieldException("", "expected a JSON object per line, found " + kind(root));
        }
        String id = string(root, "image_id", "image_id");
        String fileName = insideFolder(string(root, "file_name", "file_name"));
        int width = positiveInt(root, "width");
        int height = positiveInt(root, "height");
        List<CtwCharacter> chars = characters(required(root, "annotations", "annotations"), selection);
        List<IgnoreRegion> ignores = new ArrayList<>();
        JsonNode ign = root.get("ignore");
        if (ign != null && !ign.isNull()) {
            array(ign, "ignore");
            for (int i = 0; i < ign.size(); i++) {
                ignores.add(ignoreRegion(ign.get(i), "ignore[" + i + "]"));
            }
        }
        return new CtwImage(id, fileName, width, height, chars, ignores);
    }

    /**
     * A {@code file_name} must name a file inside the data folder: relative, no {@code ..} segment (an
     * annotation file must not make the reader open {@code ../../x.jpg} or {@code /etc/...}).
     */
    static String insideFolder(String name) throws FieldException {
        boolean absolute = name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*");
        boolean climbs = java.util.Arrays.asList(name.split("[/\\\\]")).contains("..");
        if (name.isEmpty() || absolute || climbs) {
            throw new FieldException("file_name", "'" + name + "' must be a relative path inside the data folder"
                    + (absolute ? " (it is absolute)" : climbs ? " (it climbs out with ..)" : " (it is empty)"));
        }
        return name;
    }

    private static List<CtwCharacter> characters(JsonNode sentences, CtwReadOptions.Selection selection)
            throws FieldException {
        array(sentences, "annotations");
        List<CtwCharacter> out = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s++) {
            JsonNode sentence = array(sentences.get(s), "annotations[" + s + "]");
            for (int c = 0; c < sentence.size(); c++) {
                CtwCharacter ch = character(sentence.get(c), "annotations[" + s + "][" + c + "]");
                if (selection == CtwReadOptions.Selection.ALL || ch.isChinese()) {
                    out.add(ch);
                }
            }
        }
        return out;
    }

    private static CtwCharacter character(JsonNode node, String path) throws FieldException {
        object(node, path);
        Polygon polygon = polygon(required(node, "polygon", path + ".polygon"), path + ".polygon");
        JsonNode chinese = required(node, "is_chinese", path + ".is_chinese");
        if (!chinese.isBoolean()) {
            throw new FieldException(path + ".is_chinese", "expected true or false, found " + kind(chinese));
        }
        String text = string(node, "text", path + ".text");
        JsonNode bboxNode = node.get("adjusted_bbox");
        BoundingBox bbox = bboxNode == null || bboxNode.isNull() ? null : bbox(bboxNode, path + ".adjusted_bbox");
        List<String> attributes = new ArrayList<>();
        JsonNode attrs = node.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            array(attrs, path + ".attributes");
            for (int i = 0; i < attrs.size(); i++) {
                if (!attrs.get(i).isTextual()) {
                    throw new FieldException(path + ".attributes[" + i + "]", "expected a string, found " + kind(attrs.get(i)));
                }
                attributes.add(attrs.get(i).asText());
            }
        }
        return new CtwCharacter(polygon, bbox, chinese.booleanValue(), text, attributes);
    }

    private static IgnoreRegion ignoreRegion(JsonNode node, String path) throws FieldException {
        object(node, path);
        Polygon polygon = polygon(required(node, "polygon", path + ".polygon"), path + ".polygon");
        JsonNode bboxNode = node.get("bbox");
        BoundingBox bbox = bboxNode == null || bboxNode.isNull() ? BoundingBox.of(polygon) : bbox(bboxNode, path + ".bbox");
        return new IgnoreRegion(bbox, polygon);
    }

    static Polygon polygon(JsonNode node, String path) throws FieldException {
        array(node, path);
        double[] xs = new double[node.size()];
        double[] ys = new double[node.size()];
        for (int i = 0; i < node.size(); i++) {
            JsonNode pt = array(node.get(i), path + "[" + i + "]");
            if (pt.size() != 2) {
                throw new FieldException(path + "[" + i + "]", "expected a point [x, y], found " + pt.size() + " value(s)");
            }
            xs[i] = number(pt.get(0), path + "[" + i + "][0]");
            ys[i] = number(pt.get(1), path + "[" + i + "][1]");
        }
        Polygon p = new Polygon(xs, ys);
        String defect = p.defect();
        if (defect != null) {
            throw new FieldException(path, defect);
        }
        return p;
    }

    private static BoundingBox bbox(JsonNode node, String path) throws FieldException {
        array(node, path);
        if (node.size() != 4) {
            throw new FieldException(path, "expected [x, y, w, h], found " + node.size() + " value(s)");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = number(node.get(i), path + "[" + i + "]");
        }
        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }

    private static JsonNode required(JsonNode obj, String name, String path) throws FieldException {
        JsonNode n = obj.get(name);
        if (n == null || n.isNull()) {
            throw new FieldException(path, n == null ? "missing" : "is null");
        }
        return n;
    }

    private static String string(JsonNode obj, String name, String path) throws FieldException {
        JsonNode n = required(obj, name, path);
        if (!n.isTextual()) {
            throw new FieldException(path, "expected a string, found " + kind(n));
        }
        return n.asText();
    }

    private static int positiveInt(JsonNode obj, String name) throws FieldException {
        JsonNode n = required(obj, name, name);
        if (!n.isNumber() || n.asDouble() != Math.rint(n.asDouble()) || n.asDouble() < 1 || n.asDouble() > Integer.MAX_VALUE) {
            throw new FieldException(name, "expected a positive whole number, found " + kind(n) + " " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode n, String path) throws FieldException {
        if (n == null || !n.isNumber()) {
            throw new FieldException(path, "expected a number, found " + kind(n));
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw new FieldException(path, "expected a finite number, found " + v);
        }
        return v;
    }

    private static JsonNode array(JsonNode n, String path) throws FieldException {
        if (n == null || !n.isArray()) {
            throw new FieldException(path, "expected an array, found " + kind(n));
        }
        return n;
    }

    private static void object(JsonNode n, String path) throws FieldException {
        if (n == null || !n.isObject()) {
            throw new FieldException(path, "expected an object, found " + kind(n));
        }
    }

    private static String kind(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
