package dev.strata.adopt;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL script: a CRC32 over its lines without their line breaks (so CRLF and
 * LF give the same value), a leading BOM dropped, stored as a signed 32-bit integer. Comparing it
 * tells whether a file is still what Flyway ran.
 */
final class FlywayChecksum {

    private FlywayChecksum() {}

    static int of(String text) {
        CRC32 crc = new CRC32();
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        int start = 0;
        int length = body.length();
        while (start < length) {
            int end = start;
            while (end < length && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
                end++;
            }
            crc.update(body.substring(start, end).getBytes(StandardCharsets.UTF_8));
            // A line ends at \n, \r or \r\n, as BufferedReader reads it.
            if (end < length && body.charAt(end) == '\r' && end + 1 < length && body.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
        return (int) crc.getValue();
    }
}
