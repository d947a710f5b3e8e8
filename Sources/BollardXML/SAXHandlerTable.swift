import CLibXML2

/// The SAX2 callback table handed to libxml2 for every parse.
///
/// The DTD hooks are how DTDs and entities are refused (XML 1.0 §2.8, §4): libxml2 calls
/// `internalSubset` as soon as it has read `<!DOCTYPE name ExternalID`, before it reads the
/// internal subset or loads an external one, and calls `getEntity` for every reference to a
/// name that is not one of the five predefined entities (those it resolves itself first).
/// Stopping the parser there means no declaration is ever processed and nothing is fetched.
enum SAXHandlerTable {
    static func make() -> xmlSAXHandler {
        var h = xmlSAXHandler()
        h.initialized = XML_SAX2_MAGIC
        h.internalSubset = { ctx, name, externalID, systemID in
            builder(ctx)?.pointee.documentTypeDeclaration(
                name: string(name), hasExternalIdentifier: externalID != nil || systemID != nil)
        }
        h.externalSubset = { ctx, _, externalID, systemID in
            guard externalID != nil || systemID != nil else { return }
            builder(ctx)?.pointee.refuse(.doctypeForbidden, "external DTD subset is not accepted")
        }
        h.entityDecl = { ctx, name, _, _, _, _ in
            builder(ctx)?.pointee.refuse(.entityForbidden, "entity declaration '\(string(name))' is not accepted")
        }
        h.getEntity = { ctx, name in
            builder(ctx)?.pointee.refuse(
                .entityForbidden,
                "reference to entity '&\(string(name));': only &lt; &gt; &amp; &apos; &quot; and character references are accepted")
            return nil
        }
        h.getParameterEntity = { ctx, name in
            builder(ctx)?.pointee.refuse(.entityForbidden, "parameter entity '%\(string(name));' is not accepted")
            return nil
        }
        h.reference = { ctx, name in
            builder(ctx)?.pointee.refuse(.entityForbidden, "reference to entity '&\(string(name));' is not accepted")
        }
        h.startElementNs = { ctx, localName, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
            builder(ctx)?.pointee.startElement(
                localName: localName, prefix: prefix, uri: uri,
                namespaceCount: Int(nbNamespaces), namespaces: namespaces,
                attributeCount: Int(nbAttributes), attributes: attributes)
        }
        h.endElementNs = { ctx, _, _, _ in
            builder(ctx)?.pointee.endElement()
        }
        h.characters = { ctx, bytes, count in
            builder(ctx)?.pointee.characters(bytes, Int(count))
        }
        h.ignorableWhitespace = { ctx, bytes, count in
            builder(ctx)?.pointee.characters(bytes, Int(count))
        }
        h.cdataBlock = { ctx, bytes, count in
            builder(ctx)?.pointee.characters(bytes, Int(count))
        }
        h.serror = { _, error in
            // With a schema plugged in, the SAX user data is libxml2's plug, not the builder:
            // the error's parser context leads back to the builder through `_private`.
            guard let error, let context = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
                let opaque = context.pointee._private
            else { return }
            opaque.assumingMemoryBound(to: SAXTreeBuilder.self).pointee.libraryError(error)
        }
        return h
    }

}

private func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXTreeBuilder>? {
    ctx?.assumingMemoryBound(to: SAXTreeBuilder.self)
}

private func string(_ p: UnsafePointer<xmlChar>?) -> String {
    p.map { String(cString: $0) } ?? ""
}
