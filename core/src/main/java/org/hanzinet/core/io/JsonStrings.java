package org.hanzinet.core.io;

/**
 * JSON string literals written byte-exactly as two reference writers write them: serde_json (the
 * safetensors header: escapes only quote, backslash and control characters) and Python's
 * {@code json.dumps} with {@code ensure_ascii} (the official CTW files: also every character outside
 * space..tilde, as {@code \\uXXXX}).
 */
public final class JsonStrings {
    private JsonStrings() {}

    /** Appends {@code s} as a JSON string; {@code asciiOnly} escapes everything outside 0x20..0x7E. */
    public static StringBuilder quote(StringBuilder sb, String s, boolean asciiOnly) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7E)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
