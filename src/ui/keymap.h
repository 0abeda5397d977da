/* keymap.h: key names, the compiled-in default.keys, lookup. */
#ifndef TD_KEYMAP_H
#define TD_KEYMAP_H

#include <stddef.h>
#include <wchar.h>

struct config;

/* The text of keymaps/default.keys (a unit test keeps the two equal). */
const char *keymap_default_text(void);

/* The canonical name of a key curses returned (get_wch: is_code when it
 * returned KEY_CODE_YES) in out: "j", "<C-x>", "<Down>", "日". Returns
 * the length, 0 for a key that has no name (it is ignored). */
size_t keymap_from_curses(wint_t ch, int is_code, char *out, size_t n);

/* The next key of a canonical sequence at *s into out; advances *s.
 * A blank in a sequence is <Space>. 0 at the end. */
size_t keymap_next(const char **s, char *out, size_t n);

/* Whether key types a character (j, <Space>, é) rather than a command. */
int keymap_is_text(const char *key);

enum keymap_match {
    KM_NONE = 0,
    KM_PREFIX,          /* more keys may complete a binding */
    KM_BIND,            /* *func names the function */
    KM_MACRO,           /* *macro is the sequence to replay */
};

/* Look seq (the keys typed so far, concatenated) up in map then global;
 * user bindings hide base ones. text_input hides global bindings of text
 * keys (the editor types them). */
enum keymap_match keymap_lookup(const struct config *user,
                                const struct config *base, const char *map,
                                const char *seq, int text_input,
                                const char **func, const char **macro);

#endif
