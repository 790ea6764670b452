package io.parley.portability;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Export files as they come from the wild, read safely: the JDK's StAX with DTDs and external
 * entities off; bytes that are not UTF-8 replaced by U+FFFD, characters XML does not allow (control
 * characters a database let through) dropped; both counted, never fatal.
 */
final class XmlInput {

    /** Counts what had to be repaired while reading. */
    static final class Repairs {
        long invalidCharacters;
        long badEncoding;
    }

    private XmlInput() {
    }

    static XMLStreamReader open(InputStream in, Repairs repairs) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        InputStreamReader decoded = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        return factory.createXMLStreamReader(new Cleaning(decoded, repairs));
    }

    /** Drops what XML 1.0 forbids (most control characters) and counts the decoder's replacements. */
    private static final class Cleaning extends FilterReader {

        private final Repairs repairs;

        Cleaning(Reader in, Repairs repairs) {
            super(in);
            this.repairs = repairs;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) == -1 ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (true) {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    return n;
                }
                int kept = offset;
                for (int i = offset; i < offset + n; i++) {
                    char c = buffer[i];
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        repairs.invalidCharacters++; // a control character means nothing in a comment: dropped
                        continue;
                    }
                    if (c == '\uFFFD') {
                        repairs.badEncoding++;
                    }
                    buffer[kept++] = c;
                }
                if (kept > offset) {
                    return kept - offset;
                }
            }
        }
    }
}
