package io.parley.portability;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Rows for PostgreSQL's COPY in CSV format: every value quoted, null as an unquoted empty field. */
final class Csv {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Csv() {
    }

    static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = values[i];
            if (value != null) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    /** An address as PostgreSQL's inet takes it, or null: exports carry junk here, and a name is never looked up. */
    static String ip(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getHostAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
