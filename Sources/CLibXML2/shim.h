#ifndef BOLLARD_CLIBXML2_SHIM_H
#define BOLLARD_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system's
 * <unicode/ucnv.h>. Foundation on Linux ships its own ICU (_FoundationICU) whose UErrorCode
 * has more cases, and clang refuses a Swift file that sees both definitions. Bollard never
 * touches libxml2's ICU converters (only the tail of xmlCharEncodingHandler, which we never
 * allocate or read, depends on this macro), so the ICU declarations are left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#endif
