/* tplmatch.h: is a draft a given template, its gaps filled in by hand? */
#ifndef TD_TPLMATCH_H
#define TD_TPLMATCH_H

/* Whether text is pattern with each "{{...}}" tag replaced by any text
 * (also none). Trailing white space of either is ignored, and line ends
 * compare as "\n" whatever they were. pattern is a template rendered for
 * the ticket: what it could not fill stays as tags, which the agent
 * fills in the editor. */
int tplmatch(const char *pattern, const char *text);

#endif
