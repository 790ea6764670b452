package io.parley.portability;

import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads one export format into {@link ImportItem}s, in file order. */
interface ExportParser {

    void read(XMLStreamReader xml, ImportOptions options, Consumer<ImportItem> out) throws XMLStreamException;

    static ExportParser of(ImportFormat format) {
        return format == ImportFormat.WXR ? new WxrParser() : new DisqusParser();
    }
}
