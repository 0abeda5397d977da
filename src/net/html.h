/* html.h: HTML message bodies turned into plain text for the thread (libxml2). */
#ifndef TD_HTML_H
#define TD_HTML_H

#include <stddef.h>

#include "util/error.h"

#define HTML_MAX_TEXT ((size_t)4 << 20)

/* Convert an HTML fragment or document to readable plain text: blocks and
 * <br> become line breaks, <blockquote> lines are prefixed "> " (so the
 * thread can fold quoted history like any email), list items get "• ",
 * links keep their target as "text <url>", images their alt text, and
 * <script>, <style> and <head> are dropped. Entities are decoded; broken
 * markup is repaired as browsers do. *out is owned by the caller.
 * TD_ETOOBIG if the text would pass HTML_MAX_TEXT. */
enum td_status html_to_text(const char *html, size_t len, char **out,
                            struct td_error *err);

#endif
